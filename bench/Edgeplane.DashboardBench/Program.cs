// The dashboard at fleet scale (issue 15): a real hub with N simulated agents, the overview opened in Debian's Chromium
// (time to rendered with every count), then status changes from agents timed until the open page shows them.
// Usage: dotnet run -c Release --project bench/Edgeplane.DashboardBench -- [--agents 10000] [--loads 10] [--changes 50]
//        [--work /tmp/edgeplane-bench-swarm] [--out bench/results]
using Edgeplane.Benchmarks;
using Edgeplane.DashboardBench;

var options = new BenchArgs(args);
var settings = new DashboardSettings(options.Int("--agents", 10_000), options.Int("--loads", 10), options.Int("--changes", 50));
var work = Path.Combine(options.Get("--work") ?? Path.Combine(Path.GetTempPath(), "edgeplane-bench-swarm"), settings.Agents.ToString(System.Globalization.CultureInfo.InvariantCulture));
var output = options.Get("--out") ?? BenchEnvironment.ResultsDirectory();
var result = await DashboardBenchmark.RunAsync(work, settings);
await DashboardReport.WriteAsync(output, result);
return 0;
