using System.CommandLine;
using Edgeplane.Agent;
using Edgeplane.Agent.Identity;
using Edgeplane.Cli.Shared;
using Edgeplane.Protocol.Identity;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// <c>edgeplane agent</c>: runs one cluster's agent until stopped. Exit codes (docs/agent.md): 0 stopped by a signal,
/// 1 the agent failed, 2 bad arguments (including no token on first start and an unreadable kubeconfig), 3 enrolment
/// refused or the hub failed the CA pin, 4 the cluster was revoked (a new token is needed).
/// </summary>
internal static partial class AgentCommand
{
    public const int EnrolmentRefused = 3;
    public const int Revoked = 4;

    public static Command Create(TimeProvider? time = null)
    {
        var hub = new Option<string>("--hub") { Description = "Hub gateway URL, https://host:port", Required = true };
        var token = new Option<string?>("--token")
        {
            Description = "Bootstrap token (edgeplane token create); needed only to enrol. Visible in ps: prefer --token-file or $EDGEPLANE_BOOTSTRAP_TOKEN",
        };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "File (mode 0600) holding the bootstrap token" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig of the cluster this agent manages (or --in-cluster)" };
        var inCluster = new Option<bool>("--in-cluster")
        {
            Description = "Manage the cluster this agent's pod runs in, as the pod's ServiceAccount (what 'edgeplane agent manifest' installs)",
        };
        var context = new Option<string?>("--context") { Description = "Kubeconfig context (default: its current context)" };
        var state = new Option<string>("--state") { Description = "State folder: identity, cached bundles, status outbox", Required = true };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster id this agent must be (checked against the token and the state)" };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "trace, debug, information, warning or error", DefaultValueFactory = _ => LogLevel.Information };
        var command = new Command("agent", """
            Run a cluster's agent: enrol with a bootstrap token on first start (the token pins the hub CA), then hold a mutual-TLS
            session with the hub, apply the targeted bundle, correct drift, and report status. Without the hub it keeps applying
            the cached bundle. Logs go to stderr. Exit codes: 0 stopped, 1 failed, 2 bad arguments, 3 enrolment refused,
            4 cluster revoked (needs a new token).

            Subcommands: 'manifest' prints a cluster's install manifests, 'credential' and 'probe' serve the agent's pod.

            Examples:
              edgeplane agent --hub https://hub.example.com:8443 --token-file /run/secrets/edgeplane-token --kubeconfig ~/.kube/config \
                --state /var/lib/edgeplane-agent
              edgeplane agent --hub https://hub.example.com:8443 --kubeconfig site.yaml --context site-1 --state ./agent-state
              edgeplane agent --hub https://hub.example.com:8443 --in-cluster --state /var/lib/edgeplane-agent   # in its pod
            """);
        foreach (var option in new Option[] { hub, token, tokenFile, kubeconfig, inCluster, context, state, cluster, logLevel })
        {
            command.Options.Add(option);
        }
        command.Subcommands.Add(AgentManifestCommand.Create());
        command.Subcommands.Add(AgentCredentialCommand.Create(time ?? TimeProvider.System));
        command.Subcommands.Add(AgentProbeCommand.Create(time ?? TimeProvider.System));
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            string? bootstrapToken;
            try
            {
                bootstrapToken = SecretInput.Read("--token", parse.GetValue(token), parse.GetValue(tokenFile), "EDGEPLANE_BOOTSTRAP_TOKEN");
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var problem = Check(parse.GetRequiredValue(hub), bootstrapToken, parse.GetValue(kubeconfig), parse.GetValue(inCluster),
                parse.GetRequiredValue(state), out var hubUri);
            string? kubeconfigPath = null;
            try
            {
                kubeconfigPath = problem is null && parse.GetValue(inCluster)
                    ? AgentInCluster.WriteKubeconfig(parse.GetRequiredValue(state), Environment.GetEnvironmentVariable)
                    : parse.GetValue(kubeconfig);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                problem = e.Message;
            }
            if (problem is not null)
            {
                await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var options = new AgentOptions
            {
                Hub = hubUri!,
                Token = bootstrapToken,
                KubeconfigPath = kubeconfigPath!,
                KubeContext = parse.GetValue(context),
                StateDirectory = parse.GetRequiredValue(state),
                ExpectedCluster = parse.GetValue(cluster),
            };
            using var logging = LoggerFactory.Create(b => ProcessLogging.Configure(b, "text", parse.GetValue(logLevel)));
            return await RunAsync(options, logging, parse.InvocationConfiguration.Output, error, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>What is wrong with the arguments before anything starts, or null.</summary>
    private static string? Check(string hub, string? token, string? kubeconfig, bool inCluster, string state, out Uri? hubUri)
    {
        if (!Uri.TryCreate(hub, UriKind.Absolute, out hubUri) || hubUri.Scheme != Uri.UriSchemeHttps)
        {
            return $"--hub '{hub}' must be an absolute https:// URL (the gateway, e.g. https://hub.example.com:8443)";
        }
        if (token is not null && !BootstrapToken.TryParse(token, out _, out var tokenError))
        {
            return $"--token: {tokenError}";
        }
        if ((kubeconfig is null) == !inCluster)
        {
            return inCluster ? "give --kubeconfig FILE or --in-cluster, not both" : "--kubeconfig FILE (or --in-cluster, in the cluster's own pod) is required";
        }
        try
        {
            using var _ = kubeconfig is null ? null : File.OpenRead(kubeconfig);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"cannot read --kubeconfig '{kubeconfig}': {e.Message}";
        }
        if (token is null && !File.Exists(new AgentIdentityFiles(state).AgentPath))
        {
            return $"--token (or --token-file, or $EDGEPLANE_BOOTSTRAP_TOKEN) is required on first start: the state folder '{state}' holds no agent identity " +
                "(create a token with: edgeplane token create --cluster <name>)";
        }
        return null;
    }

    private static async Task<int> RunAsync(AgentOptions options, ILoggerFactory logging, TextWriter output, TextWriter error, CancellationToken ct)
    {
        AgentHost agent;
        try
        {
            agent = await AgentHost.StartAsync(options, logging, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is EnrollmentException or HubTrustException)
        {
            await error.WriteLineAsync($"error: enrolment failed: {e.Message}").ConfigureAwait(false);
            return EnrolmentRefused;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return e is ArgumentException or FormatException ? ExitCodes.Usage : ExitCodes.Invalid;
        }
        await using (agent.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"Agent for cluster {agent.Cluster} running (hub {options.Hub}, state {agent.StateDirectory})").ConfigureAwait(false);
            await output.FlushAsync(ct).ConfigureAwait(false);
            return await WaitAsync(agent, error, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Runs until a signal (0), a revocation (4) or a failed loop (1).</summary>
    private static async Task<int> WaitAsync(AgentHost agent, TextWriter error, CancellationToken ct)
    {
        var revoked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, AgentSnapshot snapshot)
        {
            if (snapshot.IsRevoked)
            {
                revoked.TrySetResult(snapshot.Condition(Protocol.ConditionTypes.Stalled)!.Message);
            }
        }
        agent.Changed += OnChanged;
        OnChanged(agent, agent.Snapshot);
        var stopped = Task.Delay(Timeout.Infinite, ct);
        var first = await Task.WhenAny(revoked.Task, agent.Completion, stopped).ConfigureAwait(false);
        agent.Changed -= OnChanged;
        if (first == revoked.Task)
        {
            await error.WriteLineAsync($"error: cluster {agent.Cluster} was revoked: {await revoked.Task.ConfigureAwait(false)}").ConfigureAwait(false);
            return Revoked;
        }
        if (first == agent.Completion && agent.Completion.IsFaulted)
        {
            await error.WriteLineAsync($"error: the agent failed: {agent.Completion.Exception!.InnerException!.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        return ExitCodes.Ok;
    }
}
