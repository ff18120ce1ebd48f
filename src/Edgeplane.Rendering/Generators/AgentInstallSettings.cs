using System.Text.RegularExpressions;
using Edgeplane.Model.Validation;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// What the agent install manifests of one cluster are made from (<see cref="AgentInstallObjects.Build"/>): the cluster,
/// the gateway URL its agent dials, its bootstrap token and the agent version. <see cref="Validate"/> refuses anything
/// that would put a broken or unsafe value into a Deployment: the manifests are applied into a cluster as they are.
/// </summary>
public sealed partial record AgentInstallSettings
{
    /// <summary>Longest hub URL accepted.</summary>
    public const int MaxHubUrlLength = 2048;

    /// <summary>Longest image reference accepted.</summary>
    public const int MaxImageLength = 512;

    /// <summary>The image repository of the agent when <see cref="Image"/> is not given; the tag is <see cref="Version"/>.</summary>
    public const string DefaultRepository = "ghcr.io/edgeplane/agent";

    /// <summary>The cluster id the agent must be (a DNS-1123 label, as the hub's cluster ids are).</summary>
    public required string Cluster { get; init; }

    /// <summary>The hub gateway the agent dials: an absolute <c>https://host:port</c> URL, nothing after the authority.</summary>
    public required Uri Hub { get; init; }

    /// <summary>The bootstrap token, <c>ep1.&lt;id&gt;.&lt;secret&gt;.&lt;ca-pin&gt;</c>, single-use and bound to <see cref="Cluster"/>.</summary>
    public required string Token { get; init; }

    /// <summary>The agent version, used as the image tag (e.g. <c>1.0.0</c>).</summary>
    public required string Version { get; init; }

    /// <summary>The whole image reference, for a mirror registry; null: <see cref="DefaultRepository"/>:<see cref="Version"/>.</summary>
    public string? Image { get; init; }

    /// <summary>
    /// For a cluster that may have no pod network, cloud controller or worker node yet (one Cluster API just made; the
    /// join Secret sets it): the pod uses the host network, tolerates the not-ready, uninitialized and control-plane
    /// taints, and its namespace's Pod Security level is <c>privileged</c> (host network is beyond <c>restricted</c>).
    /// </summary>
    public bool Bootstrap { get; init; }

    /// <summary>The image the Deployment runs.</summary>
    public string EffectiveImage => Image ?? $"{DefaultRepository}:{Version}";

    /// <summary>The hub URL as written into the manifests: scheme, host and port only.</summary>
    public string HubUrl => Hub.GetLeftPart(UriPartial.Authority);

    /// <summary>The token's public id (its second part): it may appear in logs, annotations and messages.</summary>
    public string TokenId => Token?.Split('.') is [_, var id, _, _] ? id : "";

    /// <summary>The hub CA pin the token carries, as the hub API writes it: <c>sha256:</c> and the token's last part (64 hex characters).</summary>
    public string CaPin => Token?.Split('.') is [_, _, _, var pin] ? "sha256:" + pin : "";

    /// <summary>Throws <see cref="ArgumentException"/> naming every setting that is wrong (never echoing the token).</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Cluster is null || !Names.IsDns1123Label(Cluster))
        {
            errors.Add($"cluster '{Cluster}' must be a DNS-1123 label: 1-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit");
        }
        if (Hub is null || !Hub.IsAbsoluteUri || Hub.Scheme != Uri.UriSchemeHttps || Hub.UserInfo.Length > 0
            || Hub.AbsolutePath != "/" || Hub.Query.Length > 0 || Hub.Fragment.Length > 0 || Hub.OriginalString.Length > MaxHubUrlLength)
        {
            errors.Add($"hub URL '{Cut(Hub?.OriginalString)}' must be an absolute https://host:port URL (the gateway agents dial) without user, path, query or fragment, at most {MaxHubUrlLength} characters");
        }
        if (Token is null || !TokenShape().IsMatch(Token))
        {
            // The shape only: Protocol's BootstrapToken (which Rendering does not reference) parses it where it is minted.
            errors.Add("the bootstrap token is malformed: expected ep1.<10 base32>.<32 base32>.<64 hex> (edgeplane token create)");
        }
        if (Version is null || !TagShape().IsMatch(Version))
        {
            errors.Add($"version '{Cut(Version)}' is not an image tag: 1-128 characters of letters, digits, '_', '.' and '-', not starting with '.' or '-'");
        }
        if (Image is not null && (Image.Length > MaxImageLength || !ImageShape().IsMatch(Image)))
        {
            errors.Add($"image '{Cut(Image)}' is not an image reference (registry/path[:tag][@sha256:digest], lower-case path, at most {MaxImageLength} characters)");
        }
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid agent install settings: " + string.Join("; ", errors));
        }
    }

    private static string? Cut(string? text) => text is { Length: > 80 } ? text[..80] + "…" : text;

    [GeneratedRegex("^ep1\\.[a-z2-7]{10}\\.[a-z2-7]{32}\\.[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenShape();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagShape();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*(:[0-9]{1,5})?(/[a-z0-9][a-z0-9._-]*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ImageShape();
}
