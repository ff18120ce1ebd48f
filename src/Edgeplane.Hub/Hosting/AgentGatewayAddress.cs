using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace Edgeplane.Hub.Hosting;

/// <summary>
/// The gateway URL the hub gives agents (<see cref="HubOptions.GatewayUrl"/>): the configured one, else the gateway's
/// listen address with the port Kestrel bound (port 0 picks one), its host an address or <c>localhost</c>, or, for a
/// wildcard host, the first configured gateway host name. Null when none of that says how agents reach the hub.
/// </summary>
internal sealed class AgentGatewayAddress(HubOptions options, IServer? server = null, IHostApplicationLifetime? lifetime = null)
{
    private Uri? _resolved;

    /// <summary>Throws <see cref="ArgumentException"/> for a configured URL that is not <c>https://host[:port]</c>.</summary>
    public static Uri? Configured(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GatewayUrl is not { } text)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.UserInfo.Length > 0
            || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new ArgumentException($"--gateway-url '{text}' must be https://HOST[:PORT] (the address agents dial), without path, query or user");
        }
        return new Uri(url.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>The URL, or null when the hub cannot tell (no gateway, a wildcard listener without host names, an unbound port).</summary>
    public Uri? Url => _resolved ??= Configured(options) ?? FromListener();

    /// <summary>
    /// <see cref="Url"/>, once the listeners are bound when it depends on them (a hub still starting: the revision
    /// processor may compile before Kestrel picked the port of a <c>:0</c> gateway).
    /// </summary>
    public async Task<Uri?> WhenKnownAsync(CancellationToken cancellationToken)
    {
        if (Url is null && lifetime is not null && !lifetime.ApplicationStarted.IsCancellationRequested)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        return Url;
    }

    private Uri? FromListener()
    {
        if (options.GatewayListen is not { } listen)
        {
            return null;
        }
        var (address, port) = ListenAddress.Parse(listen, "https", "--gateway-listen");
        var host = address?.ToString() ?? options.GatewayHostNames?.FirstOrDefault();
        if (host is null || (port == 0 && (port = BoundPort()) == 0))
        {
            return null;
        }
        return new UriBuilder(Uri.UriSchemeHttps, host, port).Uri;
    }

    /// <summary>The port of the one https address that is not the REST API's; 0 when there is no single one.</summary>
    private int BoundPort()
    {
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var apiPort = ListenAddressPort(options.Listen);
        var gateways = addresses.Select(a => Uri.TryCreate(a, UriKind.Absolute, out var u) ? u : null)
            .Where(u => u is not null && u.Scheme == Uri.UriSchemeHttps && (apiPort == 0 ? !options.Listen.StartsWith("https", StringComparison.Ordinal) : u.Port != apiPort))
            .Select(u => u!.Port).Distinct().ToList();
        return gateways.Count == 1 ? gateways[0] : 0;
    }

    private static int ListenAddressPort(string listen) =>
        Uri.TryCreate(listen.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
            UriKind.Absolute, out var url) ? url.Port : 0;
}
