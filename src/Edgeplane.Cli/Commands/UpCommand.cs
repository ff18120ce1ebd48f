using System.CommandLine;
using Edgeplane.Cli.Up;
using Edgeplane.Model.Validation;

namespace Edgeplane.Cli.Commands;

/// <summary><c>edgeplane up</c>: the whole system on one machine (hub, KubeSim, one agent per example cluster).</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "Data folder: fleet repo, hub database and CA, KubeSim clusters, agent state (a second run reuses it)",
            DefaultValueFactory = _ => DefaultDataDirectory(),
        };
        var untilConverged = new Option<bool>("--until-converged")
        {
            Description = "Exit 0 once every cluster applied its desired bundle and is healthy, or 1 with what did not converge after --timeout",
        };
        var timeout = new Option<string>("--timeout") { Description = "With --until-converged: how long to wait, e.g. 120s, 5m", DefaultValueFactory = _ => "120s" };
        var apiPort = PortOption("--api-port", "Hub REST API port on 127.0.0.1", UpSettings.DefaultApiPort);
        var gatewayPort = PortOption("--gateway-port", "Agent gateway port (gRPC, mutual TLS)", UpSettings.DefaultApiPort + 1);
        var kubePort = PortOption("--kube-port", "KubeSim port (the virtual clusters' API servers)", UpSettings.DefaultApiPort + 2);
        timeout.Validators.Add(r =>
        {
            if (!TryTimeout(r.GetValueOrDefault<string>(), out _, out var error))
            {
                r.AddError($"--timeout: {error}");
            }
        });
        var command = new Command("up", """
            Run the whole system on this machine: a fleet Git repo made from examples/fleet, the hub (SQLite, gateway with
            mutual TLS), KubeSim with one virtual cluster per fleet cluster, and one agent per cluster enrolled with a real
            bootstrap token. Shows convergence live; a commit to the printed fleet repo rolls out. Ctrl-C stops.
            KubeSim is the demo target; production agents manage real clusters (edgeplane agent). See docs/up.md.

            Examples:
              edgeplane up
              edgeplane up --until-converged --timeout 300s
              edgeplane up --data /tmp/edgeplane-demo --api-port 0 --gateway-port 0 --kube-port 0
            """)
        {
            data, untilConverged, timeout, apiPort, gatewayPort, kubePort,
        };
        command.SetAction((parse, ct) =>
        {
            TryTimeout(parse.GetValue(timeout), out var wait, out _);
            var settings = new UpSettings
            {
                DataDirectory = parse.GetRequiredValue(data),
                ApiPort = parse.GetValue(apiPort),
                GatewayPort = parse.GetValue(gatewayPort),
                KubePort = parse.GetValue(kubePort),
            };
            var io = parse.InvocationConfiguration;
            return new UpRunner(settings, io.Output, io.Error).RunAsync(parse.GetValue(untilConverged), wait, ct);
        });
        return command;
    }

    /// <summary><c>$EDGEPLANE_UP_DATA</c>, else <c>./.edgeplane</c> in the current folder.</summary>
    internal static string DefaultDataDirectory() =>
        Environment.GetEnvironmentVariable("EDGEPLANE_UP_DATA") is { Length: > 0 } path ? path : ".edgeplane";

    private static Option<int> PortOption(string name, string description, int port)
    {
        var option = new Option<int>(name) { Description = $"{description} (0 picks a free one)", DefaultValueFactory = _ => port };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError($"{name} must be between 0 and 65535");
            }
        });
        return option;
    }

    /// <summary>The longest <c>--timeout</c> (7 days).</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(7);

    /// <summary>Reads <c>--timeout</c>: a duration (docs/fleet-repo.md) more than 0 and at most <see cref="MaxTimeout"/>.</summary>
    internal static bool TryTimeout(string? text, out TimeSpan value, out string error) =>
        Durations.TryParse(text, MaxTimeout, zeroAllowed: false, out value, out error);
}
