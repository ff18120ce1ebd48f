using Edgeplane.Model.Tests;

namespace Edgeplane.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_ValidFleet_PrintsSummaryAndExitsZero()
    {
        using var fleet = new TempFleet();

        var run = await CliRun.Of("validate", fleet.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("│ Cluster         │     3 │", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("mini: valid; 13 files, 3 bundles rendered, 18 objects\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadFleet_PrintsEveryErrorWithPathAndExitsOne()
    {
        using var fleet = new TempFleet();
        fleet.Replace("clusters/edge-a.yaml", "layer: edge", "layer: egde").Replace("profiles.yaml", "name: mesh", "name: mess");

        var run = await CliRun.Of("validate", fleet.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(
            $"{fleet.Root}/clusters/edge-a.yaml:6:10: Cluster \"edge-a\": spec.layer \"egde\" is not a layer of the Fleet; did you mean \"edge\"?\n"
            + $"{fleet.Root}/profiles.yaml:8:13: Profile \"edge-base\": spec.addOns[1].name \"mess\" is not an AddOn; did you mean \"mesh\"?\n"
            + $"2 error(s) in {fleet.Root}\n", run.Error);
    }

    [Fact]
    public async Task Validate_RenderError_IsFoundToo()
    {
        using var fleet = new TempFleet();
        fleet.Replace("apps/app1/manifests/cm.yaml", "${greeting}", "${nope}");

        var run = await CliRun.Of("validate", fleet.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{fleet.Root}/apps/app1/manifests/cm.yaml:6:13: Application/app1: unknown variable \"${{nope}}\"\n1 error(s) rendering {fleet.Root}\n", run.Error);
    }

    [Fact]
    public async Task Validate_WorkspaceBindsClusterAdmin_RejectedNamingTheRuleExitsOne()
    {
        using var fleet = new TempFleet();
        fleet.Replace("workspaces.yaml", "[ConfigMap, apps/Deployment]", "[ConfigMap, apps/Deployment, rbac.authorization.k8s.io/RoleBinding]");
        fleet.Write("apps/app1/manifests/rb.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: take-over\n  namespace: team-ns\n"
            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: ServiceAccount, name: default, namespace: team-ns}]\n");

        var run = await CliRun.Of("validate", fleet.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(
            $"{fleet.Root}/apps/app1/manifests/rb.yaml:1:1: Application \"app1\": RoleBinding \"team-ns/take-over\" binds the ClusterRole \"cluster-admin\"; "
            + "a workspace may never bind cluster-admin [RbacEscalation]\n"
            + "Workspace \"team\" rejected: none of its Applications' or NetworkFunctions' objects are shipped in this revision; the other workspaces and the platform render as usual (a hub keeps the workspace's last good objects)\n"
            + $"1 render-time policy violation(s) in {fleet.Root}\n", run.Error);
    }

    [Fact]
    public async Task Validate_NoArgument_IsUsageError()
    {
        var run = await CliRun.Of("validate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Required argument missing", run.Error, StringComparison.Ordinal);
    }
}
