// Benchmarks for Edgeplane. Each suite writes JSON and Markdown results to bench/results/.
// Usage: dotnet run -c Release --project bench/Edgeplane.Benchmarks -- <suite> [options]
using Edgeplane.Benchmarks.KubeSim;

var suites = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["kubesim"] = KubeSimSuite.RunAsync,
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine($"usage: Edgeplane.Benchmarks <suite> [options]; suites: {string.Join(", ", suites.Keys)}");
    return 2;
}
return await suite(args[1..]);
