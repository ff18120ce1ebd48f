// Benchmarks for Edgeplane. Each suite writes JSON and Markdown results to bench/results/.
// Usage: dotnet run -c Release --project bench/Edgeplane.Benchmarks -- <suite> [options]
// A suite is a class with `static Task<int> RunAsync(string[] args)`; register it below.
using Edgeplane.Benchmarks;
using Edgeplane.Benchmarks.KubeSim;
using Edgeplane.Benchmarks.Render;

var suites = new SortedDictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["generate-fleet"] = GenerateFleetCommand.RunAsync,
    ["kustomize"] = Edgeplane.Benchmarks.Kustomize.KustomizeBenchmark.RunAsync,
    ["hub"] = Edgeplane.Benchmarks.Hub.HubCommitBenchmark.RunAsync,
    ["kubesim"] = KubeSimSuite.RunAsync,
    ["render"] = RenderBenchmark.RunAsync,
    ["apply"] = Edgeplane.Benchmarks.Apply.ApplyBenchmark.RunAsync,
    ["agent-footprint"] = Edgeplane.Benchmarks.Agent.AgentFootprintBenchmark.RunAsync,
    ["gateway-swarm"] = Edgeplane.Benchmarks.Gateway.GatewaySwarmBenchmark.RunAsync,
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine($"usage: Edgeplane.Benchmarks <suite> [options]; suites: {string.Join(", ", suites.Keys)}");
    return 2;
}
return await suite(args[1..]);
