using System.Diagnostics;
using Edgeplane.Cli;

namespace Edgeplane.Cli.Tests;

/// <summary><c>edgeplane kustomize</c>: output, errors and exit codes.</summary>
public sealed class KustomizeCommandTests : IDisposable
{
    private const string Expected = """
        apiVersion: v1
        data:
          mode: "on"
          region: eu
        kind: ConfigMap
        metadata:
          labels:
            site: s1
          name: s1-settings-kh684tcm86
          namespace: edge
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            site: s1
          name: s1-app
          namespace: edge
        spec:
          template:
            spec:
              containers:
              - envFrom:
                - configMapRef:
                    name: s1-settings-kh684tcm86
                image: app:2.0
                name: app

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("ep-cli-kustomize-").FullName;

    public KustomizeCommandTests()
    {
        Write("base/kustomization.yaml", "resources:\n- app.yaml\nconfigMapGenerator:\n- name: settings\n  literals: [mode=on]\n");
        Write("base/app.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: app:1.0
                    envFrom:
                    - configMapRef:
                        name: settings
            """);
        Write("site/kustomization.yaml", """
            resources:
            - ../base
            namespace: edge
            namePrefix: s1-
            labels:
            - pairs:
                site: s1
            images:
            - name: app
              newTag: "2.0"
            configMapGenerator:
            - name: settings
              behavior: merge
              literals: [region=eu]
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string path, string content)
    {
        var full = Path.Combine(_dir, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Kustomize_OverlayWithRoot_PrintsObjectsAndExitsZero()
    {
        var (exit, output, error) = await RunAsync("kustomize", Path.Combine(_dir, "site"), "--root", _dir);

        Assert.Equal("", error);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(Expected, output);
    }

    [KubectlFact]
    public async Task Kustomize_SameOverlay_PrintsExactlyWhatKubectlPrints()
    {
        var home = Directory.CreateTempSubdirectory("ep-kubectl-home-").FullName;
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(_dir, "site")]) { RedirectStandardOutput = true };
        start.Environment["HOME"] = home;
        using var kubectl = Process.Start(start)!;
        var expected = await kubectl.StandardOutput.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        Directory.Delete(home, recursive: true);

        var (_, output, _) = await RunAsync("kustomize", Path.Combine(_dir, "site"), "--root", _dir);

        Assert.Equal(0, kubectl.ExitCode);
        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task Kustomize_BaseOutsideDirWithoutRoot_ExitsOneWithLocatedErrorAndHint()
    {
        var (exit, output, error) = await RunAsync("kustomize", Path.Combine(_dir, "site"));

        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("site/kustomization.yaml:2:3: path '../base' leaves the fleet repo", lines[0], StringComparison.Ordinal);
        Assert.Equal("hint: DIR is the sandbox root; pass --root with a directory that also contains the bases", lines[1]);
    }

    [Fact]
    public async Task Kustomize_UnsupportedField_ExitsOneNamingFieldAndPosition()
    {
        Write("bad/kustomization.yaml", "resources: []\nvars:\n- name: X\n");

        var (exit, _, error) = await RunAsync("kustomize", Path.Combine(_dir, "bad"));

        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.EndsWith("bad/kustomization.yaml:2:1: kustomize field 'vars' is not supported\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kustomize_NoDirectory_ExitsTwo()
    {
        var (exit, _, error) = await RunAsync("kustomize");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Required argument missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kustomize_MissingDirectory_ExitsTwo()
    {
        var (exit, _, error) = await RunAsync("kustomize", Path.Combine(_dir, "nowhere"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal($"error: directory '{Path.Combine(_dir, "nowhere")}' does not exist\n", error);
    }

    [Fact]
    public async Task Kustomize_DirOutsideRoot_ExitsTwo()
    {
        var (exit, _, error) = await RunAsync("kustomize", Path.Combine(_dir, "base"), "--root", Path.Combine(_dir, "site"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal($"error: '{Path.Combine(_dir, "base")}' is not inside the root '{Path.Combine(_dir, "site")}'\n", error);
    }

    [Fact]
    public async Task Kustomize_Help_ShowsExamplesAndExitsZero()
    {
        var (exit, output, _) = await RunAsync("kustomize", "--help");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("edgeplane kustomize examples/fleet/sites/edge-0042 --root examples/fleet", output, StringComparison.Ordinal);
        Assert.Contains("--root", output, StringComparison.Ordinal);
    }
}
