using System.CommandLine;
using Edgeplane.Agent.Identity;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// <c>edgeplane agent probe</c>: the exec probe of the agent's pod (the agent serves no HTTP endpoint). Live: the state
/// folder is there and an identity in it, if any, loads. Ready (<c>--enrolled</c>): the agent enrolled and its client
/// certificate is valid now. Exit codes: 0 yes, 1 no (the reason on stderr).
/// </summary>
internal static class AgentProbeCommand
{
    public static Command Create(TimeProvider time)
    {
        var state = new Option<string>("--state") { Description = "The agent's state folder", Required = true };
        var enrolled = new Option<bool>("--enrolled") { Description = "Succeed only when the agent enrolled and its certificate is valid now" };
        var command = new Command("probe", """
            Check an agent's state folder, as the liveness and readiness probes of its pod do. Without --enrolled it succeeds when
            the folder exists and an identity in it, if any, loads; with --enrolled, only when the agent enrolled and its client
            certificate is valid now. Exit codes: 0 yes, 1 no.

            Examples:
              edgeplane agent probe --state /var/lib/edgeplane-agent
              edgeplane agent probe --state /var/lib/edgeplane-agent --enrolled
            """);
        command.Options.Add(state);
        command.Options.Add(enrolled);
        command.SetAction(async (parse, ct) =>
        {
            var (ok, message) = Probe(parse.GetRequiredValue(state), parse.GetValue(enrolled), time.GetUtcNow());
            await (ok ? parse.InvocationConfiguration.Output : parse.InvocationConfiguration.Error).WriteLineAsync(message).ConfigureAwait(false);
            return ok ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return command;
    }

    private static (bool Ok, string Message) Probe(string state, bool enrolled, DateTimeOffset now)
    {
        if (!Directory.Exists(state))
        {
            return (false, $"error: the state folder '{state}' does not exist");
        }
        AgentCredentials? credentials;
        try
        {
            credentials = new AgentIdentityFiles(state).Load();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return (false, $"error: {e.Message}");
        }
        if (credentials is null)
        {
            return enrolled ? (false, $"error: the agent has not enrolled yet (no identity in '{state}')") : (true, "live: not enrolled yet");
        }
        if (enrolled && credentials.NotAfter <= now)
        {
            return (false, $"error: the certificate of cluster {credentials.Cluster} expired at {credentials.NotAfter:u}");
        }
        return (true, $"{(enrolled ? "ready" : "live")}: enrolled as {credentials.Cluster}, certificate valid until {credentials.NotAfter:u}");
    }
}
