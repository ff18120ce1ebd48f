using System.CommandLine;
using Edgeplane.Model.Validation;

namespace Edgeplane.Cli.Commands;

internal static partial class HubCommand
{
    private static (Option<string?> GatewayUrl, Option<string> JoinTokenTtl) JoinOptions() =>
    (
        new Option<string?>("--gateway-url")
        {
            Description = "URL agents dial, https://HOST:PORT: written into the Cluster API join Secrets and 'edgeplane agent manifest' " +
                "(default: --gateway-listen's address, or the first --gateway-name for a wildcard address)",
        },
        new Option<string>("--join-token-ttl")
        {
            Description = "Lifetime of the single-use token in a provisioned cluster's join Secret (1m to 7d); one that expires unused is replaced",
            DefaultValueFactory = _ => "2h",
        });

    /// <summary>The join token TTL from the flag; a malformed duration is an <see cref="ArgumentException"/> naming the flag.</summary>
    private static TimeSpan JoinTokenTtl(ParseResult parse, Option<string> ttl)
    {
        if (!Durations.TryParse(parse.GetRequiredValue(ttl), TimeSpan.FromDays(7), zeroAllowed: false, out var value, out var error))
        {
            throw new ArgumentException($"--join-token-ttl: {error}");
        }
        return value;
    }
}
