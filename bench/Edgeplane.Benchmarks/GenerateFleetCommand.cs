namespace Edgeplane.Benchmarks;

/// <summary><c>generate-fleet --sites N --out DIR [--example DIR]</c>: writes the example scaled to N edge sites.</summary>
public static class GenerateFleetCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        if (options.Get("--out") is not { } outDir)
        {
            Console.Error.WriteLine("usage: generate-fleet --sites N --out DIR [--example DIR]");
            return Task.FromResult(2);
        }
        var example = options.Get("--example") ?? Path.Combine(BenchArgs.RepoRoot(), "examples", "fleet");
        var sites = options.Int("--sites", 10_000);
        FleetGenerator.FleetGenerator.Generate(example, outDir, sites);
        Console.WriteLine($"wrote {outDir}: the example fleet with {sites} edge sites");
        return Task.FromResult(0);
    }
}
