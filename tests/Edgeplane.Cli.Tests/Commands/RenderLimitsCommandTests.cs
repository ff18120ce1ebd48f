using Edgeplane.Model.Tests;

namespace Edgeplane.Cli.Tests.Commands;

/// <summary>Byte limits as the CLI user meets them: exit 1, every error with its path, and nothing printed or written.</summary>
public sealed class RenderLimitsCommandTests
{
    private const string BombError = "apps/app1/manifests/bomb.yaml:10:7: document expands to more than 2 MiB (2097152 bytes) of keys and values, counting YAML aliases: it exceeds the document limit (MaxDocumentBytes)";

    /// <summary>A ConfigMap whose <c>data.a0</c> is 500,000 'x' anchored, and a1..a399 alias it (200 MB if expanded).</summary>
    private static TempFleet FleetWithAliasBomb()
    {
        var fleet = new TempFleet();
        fleet.Write("apps/app1/manifests/bomb.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  a0: &big " + new string('x', 500_000) + "\n"
            + string.Concat(Enumerable.Range(1, 399).Select(i => $"  a{i}: *big\n")));
        return fleet;
    }

    [Fact]
    public async Task Validate_AliasBomb_RefusedWithTheLimitAndPosition()
    {
        using var fleet = FleetWithAliasBomb();

        var run = await CliRun.Of("validate", fleet.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal($"{fleet.Root}/{BombError}\n1 error(s) in {fleet.Root}\n", run.Error);
    }

    [Fact]
    public async Task Render_AliasBomb_RefusedAndNothingWritten()
    {
        using var fleet = FleetWithAliasBomb();
        var outDir = Path.Combine(fleet.Outside, "out");

        var printed = await CliRun.Of("render", fleet.Root, "--cluster", "edge-a", "-o", "json");
        var written = await CliRun.Of("render", fleet.Root, "--all", "--out", outDir);

        Assert.Equal((1, 1), (printed.ExitCode, written.ExitCode));
        Assert.Equal("", printed.Out);
        Assert.Equal($"{fleet.Root}/{BombError}\n1 error(s); nothing was written\n", printed.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Render_MaxBundleBytes_RefusesALargerBundle_AcceptsOneThatFits()
    {
        using var fleet = new TempFleet();

        var small = await CliRun.Of("render", fleet.Root, "--cluster", "edge-a", "--max-bundle-bytes", "1024");
        var fits = await CliRun.Of("render", fleet.Root, "--cluster", "edge-a", "--max-bundle-bytes", "100000");

        Assert.Equal((1, 0), (small.ExitCode, fits.ExitCode));
        Assert.Equal("", small.Out);
        Assert.Contains("the bundle of cluster \"edge-a\" is more than 1 KiB (1024 bytes): it exceeds the bundle limit (MaxBundleBytes)", small.Error, StringComparison.Ordinal);
        Assert.StartsWith("# bundle edge-a", fits.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("lots")]
    public async Task Render_MaxBundleBytesNotAPositiveNumber_IsUsageError(string value)
    {
        using var fleet = new TempFleet();

        var run = await CliRun.Of("render", fleet.Root, "--cluster", "edge-a", "--max-bundle-bytes", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
    }
}
