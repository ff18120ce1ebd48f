using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// The carrier Secret a Cluster API <c>ClusterResourceSet</c> (<see cref="ProvisioningContract.ResourceSetName"/>) applies
/// into a provisioned cluster once its control plane is ready: <see cref="ProvisioningContract.JoinSecretName"/> in the
/// cluster's template namespace of its management cluster, of type <see cref="ProvisioningContract.JoinSecretType"/> (the
/// only Secret type a ClusterResourceSet applies), with one key holding <see cref="AgentInstallObjects"/> as
/// multi-document YAML, made for a cluster that may have no network yet (<see cref="AgentInstallSettings.Bootstrap"/>).
/// Only the hub makes it (it mints the token); annotations name the token's public id and expiry, never the secret.
/// </summary>
public static class AgentJoinSecret
{
    /// <summary>The data key holding the manifests.</summary>
    public const string DataKey = "agent.yaml";

    /// <summary>Annotation with the public id of the bootstrap token inside.</summary>
    public const string TokenIdAnnotation = "edgeplane.dev/join-token-id";

    /// <summary>Annotation with the token's expiry (UTC, ISO 8601) when the hub knows it.</summary>
    public const string ExpiresAnnotation = "edgeplane.dev/join-token-expires-at";

    /// <summary>Label naming the cluster the Secret joins.</summary>
    public const string ClusterLabel = "edgeplane.dev/join-cluster";

    /// <summary>Largest carrier payload read back (a Secret holds at most 1 MiB).</summary>
    public const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>The carrier's name for <paramref name="cluster"/> (<see cref="ProvisioningContract.JoinSecretName"/>).</summary>
    public static string Name(string cluster) => ProvisioningContract.JoinSecretName(cluster);

    /// <summary>
    /// The carrier Secret in <paramref name="ns"/> holding the install manifests of <paramref name="settings"/>, made for
    /// a cluster Cluster API just created (<see cref="AgentInstallSettings.Bootstrap"/> is set here). Throws
    /// <see cref="ArgumentException"/> for invalid settings.
    /// </summary>
    public static JsonObject Build(AgentInstallSettings settings, string ns, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        var yaml = AgentInstallObjects.ToYaml(AgentInstallObjects.Build(settings with { Bootstrap = true }));
        var labels = AgentInstallObjects.Labels();
        labels[ClusterLabel] = settings.Cluster;
        var annotations = new JsonObject { [TokenIdAnnotation] = settings.TokenId };
        if (expiresAt is { } expires)
        {
            annotations[ExpiresAnnotation] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = Name(settings.Cluster), ["namespace"] = ns, ["labels"] = labels, ["annotations"] = annotations },
            ["type"] = ProvisioningContract.JoinSecretType,
            ["data"] = new JsonObject { [DataKey] = Convert.ToBase64String(Encoding.UTF8.GetBytes(yaml)) },
        };
    }

    /// <summary>True when <paramref name="obj"/> is the carrier of <paramref name="cluster"/> in <paramref name="ns"/>.</summary>
    public static bool Is(JsonObject obj, string cluster, string ns)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Text(obj["apiVersion"]) == "v1" && Text(obj["kind"]) == "Secret"
            && Text(obj["metadata"]?["name"]) == Name(cluster) && Text(obj["metadata"]?["namespace"]) == ns;
    }

    /// <summary>
    /// The bootstrap token inside a carrier (from its manifests' <see cref="AgentInstallObjects.BootstrapSecret"/>), or
    /// null when the carrier holds none, is over <see cref="MaxPayloadBytes"/> or does not parse.
    /// </summary>
    public static string? ReadToken(JsonObject carrier)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        var yaml = Decode(Text(carrier["data"]?[DataKey]));
        if (yaml is null)
        {
            return null;
        }
        var loaded = YamlLoader.Load(DataKey, yaml);
        var secret = loaded.Succeeded
            ? loaded.Documents.Select(d => d.Root).OfType<JsonObject>().FirstOrDefault(o => Text(o["kind"]) == "Secret"
                && Text(o["metadata"]?["name"]) == AgentInstallObjects.BootstrapSecret)
            : null;
        return secret is null ? null : Decode(Text(secret["data"]?[AgentInstallObjects.TokenKey]));
    }

    private static string? Decode(string? base64)
    {
        if (base64 is null || base64.Length > MaxPayloadBytes / 3 * 4 + 4)
        {
            return null;
        }
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
