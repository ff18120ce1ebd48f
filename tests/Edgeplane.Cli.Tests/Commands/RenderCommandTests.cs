using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Model.Tests;
using LibGit2Sharp;

namespace Edgeplane.Cli.Tests.Commands;

public sealed class RenderCommandTests
{
    [Theory]
    [InlineData(new[] { "render", "DIR" }, "error: give --cluster NAME or --all")]
    [InlineData(new[] { "render", "DIR", "--all", "--cluster", "edge-a" }, "error: give either --cluster NAME or --all, not both")]
    public async Task Render_NeitherOrBoth_IsUsageError(string[] args, string message)
    {
        using var fleet = new TempFleet();

        var run = await CliRun.Of([.. args.Select(a => a == "DIR" ? fleet.Root : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(message + "\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_BadOutputFormat_IsUsageError()
    {
        var run = await CliRun.Of("render", "x", "--all", "-o", "xml");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Render_AllToOut_WritesBundlesAndIndexDeterministically()
    {
        using var fleet = new TempFleet();
        var out1 = Path.Combine(fleet.Outside, "out1");
        var out2 = Path.Combine(fleet.Outside, "out2");

        var first = await CliRun.Of("render", fleet.Root, "--all", "--out", out1, "--revision", "r7");
        var second = await CliRun.Of("render", fleet.Root, "--all", "--out", out2, "--revision", "r7");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal(["cloud-1.yaml", "edge-a.yaml", "edge-c.yaml", "index.json"], Directory.GetFiles(out1).Select(Path.GetFileName).Order());
        foreach (var file in Directory.GetFiles(out1))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(out2, Path.GetFileName(file))));
        }
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(out1, "index.json")))!;
        Assert.Equal("r7", (string?)index["revision"]);
        Assert.Equal(["cloud-1", "edge-a", "edge-c"], index["bundles"]!.AsArray().Select(b => (string?)b!["cluster"]));
        Assert.Equal(9, (int)index["bundles"]![1]!["objects"]!); // 3 Namespaces, 2 add-on objects, the workspace's account (2) and NetworkPolicy, the app's ConfigMap
    }

    [Fact]
    public async Task Render_AllToOut_WorkspaceRejected_WritesTheOtherBundlesPrintsTheRuleExitsOne()
    {
        using var fleet = new TempFleet();
        fleet.Write("apps/app1/manifests/rb.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: take-over\n"
            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: ServiceAccount, name: default, namespace: team-ns}]\n");
        fleet.Replace("workspaces.yaml", "[ConfigMap, apps/Deployment]", "[ConfigMap, apps/Deployment, rbac.authorization.k8s.io/RoleBinding]");
        var output = Path.Combine(fleet.Outside, "out");

        var run = await CliRun.Of("render", fleet.Root, "--all", "--out", output, "--revision", "r8");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{fleet.Root}/apps/app1/manifests/rb.yaml:1:1: Application \"app1\": RoleBinding \"team-ns/take-over\" binds the ClusterRole \"cluster-admin\"; "
            + "a workspace may never bind cluster-admin [RbacEscalation]\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("Workspace \"team\" rejected", run.Error, StringComparison.Ordinal);
        Assert.Equal(["cloud-1.yaml", "edge-a.yaml", "edge-c.yaml", "index.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        var edge = File.ReadAllText(Path.Combine(output, "edge-a.yaml"));
        Assert.DoesNotContain("take-over", edge, StringComparison.Ordinal);
        Assert.DoesNotContain("Application/app1", edge, StringComparison.Ordinal);
        Assert.Contains("edgeplane-workspace-isolation", edge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Json_PrintsTheCanonicalBundleItsDigestDescribes()
    {
        using var fleet = new TempFleet();
        var outDir = Path.Combine(fleet.Outside, "json");

        var printed = await CliRun.Of("render", fleet.Root, "--cluster", "edge-a", "-o", "json", "--revision", "r1");
        var written = await CliRun.Of("render", fleet.Root, "--all", "-o", "json", "--out", outDir, "--revision", "r1");

        Assert.Equal((0, 0), (printed.ExitCode, written.ExitCode));
        var bytes = Encoding.UTF8.GetBytes(printed.Out.TrimEnd('\n'));
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "index.json")))!;
        Assert.Equal((string?)index["bundles"]![1]!["digest"], "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(printed.Out, File.ReadAllText(Path.Combine(outDir, "edge-a.json")));
    }

    [Fact]
    public async Task Render_Error_WritesNothingAndKeepsOldOutput()
    {
        using var fleet = new TempFleet();
        var outDir = Path.Combine(fleet.Outside, "out");
        Assert.Equal(0, (await CliRun.Of("render", fleet.Root, "--all", "--out", outDir)).ExitCode);
        var before = File.ReadAllBytes(Path.Combine(outDir, "edge-a.yaml"));
        fleet.Replace("apps/app1/manifests/cm.yaml", "${greeting}", "${nope}").Replace("clusters/edge-c.yaml", "tier: bronze", "tier: tin");

        var run = await CliRun.Of("render", fleet.Root, "--all", "--out", outDir);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"{fleet.Root}/apps/app1/manifests/cm.yaml:6:13: Application/app1: unknown variable \"${{nope}}\"\n1 error(s); nothing was written\n", run.Error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(outDir, "edge-a.yaml")));
        Assert.Equal(4, Directory.GetFiles(outDir).Length);
        Assert.Equal(["out", "repo"], Directory.GetDirectories(fleet.Outside).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Render_InvalidFleetToNewOut_CreatesNothing()
    {
        using var fleet = new TempFleet();
        fleet.Delete("fleet.yaml");
        var outDir = Path.Combine(fleet.Outside, "never");

        var run = await CliRun.Of("render", fleet.Root, "--all", "--out", outDir);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{fleet.Root}/fleet.yaml: the repo has no Fleet resource: add one (kind: Fleet) in a file at the repo root, e.g. fleet.yaml\n1 error(s); nothing was written\n", run.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Render_UnknownCluster_SuggestsOne()
    {
        using var fleet = new TempFleet();

        var run = await CliRun.Of("render", fleet.Root, "--cluster", "edge-b");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: cluster \"edge-b\" is not in the fleet; did you mean \"edge-a\"?\n", run.Error);
    }

    [Fact]
    public async Task Render_InGitWorkTree_DefaultsRevisionToHead()
    {
        using var fleet = new TempFleet();
        var sha = CommitAll(fleet.Root);

        var run = await CliRun.Of("render", fleet.Root, "--cluster", "edge-a");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"# bundle edge-a revision {sha}\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_InGitRepoWithoutCommits_DefaultsRevisionToUnversioned()
    {
        using var fleet = new TempFleet();
        Repository.Init(fleet.Root);

        var run = await CliRun.Of("render", fleet.Root, "--cluster", "edge-a");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("# bundle edge-a revision unversioned\n", run.Out, StringComparison.Ordinal);
    }

    /// <summary>Makes <paramref name="root"/> a Git repository with one commit of everything in it; returns its SHA.</summary>
    private static string CommitAll(string root)
    {
        Repository.Init(root);
        using var repo = new Repository(root);
        LibGit2Sharp.Commands.Stage(repo, "*");
        var signature = new Signature("CLI Test", "cli@example.com", DateTimeOffset.UtcNow);
        return repo.Commit("fleet", signature, signature).Sha;
    }

    [Fact]
    public async Task Render_OutsideGit_DefaultsRevisionToUnversioned()
    {
        using var fleet = new TempFleet();

        var run = await CliRun.Of("render", fleet.Root, "--cluster", "edge-c");

        Assert.StartsWith("# bundle edge-c revision unversioned\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  tier: bronze\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ShowsExamples()
    {
        var run = await CliRun.Of("render", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("edgeplane render examples/fleet --all --out out/bundles --revision v42", run.Out, StringComparison.Ordinal);
    }
}
