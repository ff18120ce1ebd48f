using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Edgeplane.Hub.Hosting;

/// <summary>The listen addresses the hub accepts (<c>--listen</c>, <c>--gateway-listen</c>) and how Kestrel binds them.</summary>
internal static partial class ListenAddress
{
    /// <summary><c>scheme://host:port</c> with an IP address, <c>localhost</c> or a wildcard host (0.0.0.0, *, +, [::]).</summary>
    public static (IPAddress? Address, int Port) Parse(string url, string scheme, string flag)
    {
        var match = UrlPattern().Match(url ?? "");
        if (!match.Success || match.Groups["scheme"].Value != scheme
            || !int.TryParse(match.Groups["port"].Value, out var port) || port > 65535)
        {
            throw new ArgumentException($"{flag} '{url}' must look like {scheme}://HOST:PORT (HOST an IP address, localhost or 0.0.0.0)");
        }
        var host = match.Groups["host"].Value.Trim('[', ']');
        if (host is "0.0.0.0" or "*" or "+" or "::")
        {
            return (null, port);
        }
        if (host == "localhost")
        {
            return (IPAddress.Loopback, port);
        }
        return IPAddress.TryParse(host, out var address)
            ? (address, port)
            : throw new ArgumentException($"{flag} '{url}': '{host}' is not an IP address; use an address, localhost or 0.0.0.0");
    }

    /// <summary>Listens on <paramref name="endpoint"/> (every address when it has none).</summary>
    public static void Bind(KestrelServerOptions kestrel, (IPAddress? Address, int Port) endpoint, Action<ListenOptions> configure)
    {
        if (endpoint.Address is null)
        {
            kestrel.ListenAnyIP(endpoint.Port, configure);
        }
        else
        {
            kestrel.Listen(endpoint.Address, endpoint.Port, configure);
        }
    }

    [GeneratedRegex(@"^(?<scheme>[a-z]+)://(?<host>\[[0-9a-fA-F:.]+\]|[^:/\[\]]+):(?<port>\d{1,5})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
