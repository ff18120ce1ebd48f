using System.CommandLine;
using Edgeplane.KubeSim;

namespace Edgeplane.Cli.Commands;

/// <summary><c>edgeplane sim</c>: serves N KubeSim virtual clusters and writes a kubeconfig for them.</summary>
internal static class SimCommand
{
    /// <summary>Most clusters the command starts; KubeSim is measured at 1,000.</summary>
    private const int MaxClusters = 5000;

    public static Command Create()
    {
        var clusters = new Option<int>("--clusters") { Description = "Number of virtual clusters, named sim-1..sim-N.", DefaultValueFactory = _ => 1 };
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var kubeconfig = new Option<FileInfo>("--kubeconfig") { Description = "Where to write the kubeconfig (one context per cluster).", Required = true };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Persist clusters and objects here; a restart with the same folder restores them." };
        var version = new Option<string>("--kube-version") { Description = "gitVersion new clusters report.", DefaultValueFactory = _ => "v1.31.4" };
        var delay = new Option<TimeSpan>("--controller-delay") { Description = "How long simulated controllers take to report objects ready (e.g. 00:00:02).", DefaultValueFactory = _ => TimeSpan.Zero };
        clusters.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > MaxClusters)
            {
                r.AddError($"--clusters must be between 1 and {MaxClusters}");
            }
        });
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 and 65535");
            }
        });
        var command = new Command("sim", """
            Serve virtual Kubernetes clusters (KubeSim) for tests, demos and fleet simulations.
            Production targets are real clusters; see docs/kubesim.md for what KubeSim emulates.

            Examples:
              edgeplane sim --clusters 3 --kubeconfig /tmp/sim.yaml
              kubectl --kubeconfig /tmp/sim.yaml --context sim-2 get ns
              edgeplane sim --clusters 30 --port 6443 --kubeconfig sim.yaml --data .sim
            """)
        {
            clusters, port, kubeconfig, data, version, delay,
        };
        command.SetAction((parse, cancel) => RunAsync(new SimSettings(parse.GetValue(clusters), parse.GetValue(port),
            parse.GetValue(kubeconfig)!, parse.GetValue(data), parse.GetValue(version)!, parse.GetValue(delay)), parse.InvocationConfiguration, cancel));
        return command;
    }

    private static async Task<int> RunAsync(SimSettings settings, InvocationConfiguration io, CancellationToken cancel)
    {
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Port = settings.Port,
            DataDirectory = settings.Data?.FullName,
            DefaultVersion = settings.Version,
            Delays = KubeSimDelays.All(settings.Delay),
        }, cancel);
        var names = Enumerable.Range(1, settings.Clusters).Select(i => $"sim-{i}").ToList();
        try
        {
            foreach (var name in names.Where(n => !sim.Clusters.ContainsKey(n)))
            {
                sim.AddCluster(name);
            }
        }
        catch (ArgumentException ex)
        {
            await io.Error.WriteLineAsync($"error: --kube-version: {ex.Message}");
            return ExitCodes.Usage;
        }
        sim.WriteKubeconfig(settings.Kubeconfig.FullName, "sim-1", names);
        await io.Output.WriteLineAsync(
            $"kubesim: serving {names.Count} cluster(s) at {sim.BaseUri}clusters/sim-1..sim-{names.Count}; kubeconfig {settings.Kubeconfig.FullName}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            // SIGINT/SIGTERM: stop serving.
        }
        return ExitCodes.Ok;
    }

    private sealed record SimSettings(int Clusters, int Port, FileInfo Kubeconfig, DirectoryInfo? Data, string Version, TimeSpan Delay);
}
