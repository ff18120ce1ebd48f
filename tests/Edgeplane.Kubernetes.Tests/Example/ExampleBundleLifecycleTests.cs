using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Health;
using Edgeplane.Kubernetes.Objects;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Edgeplane.Kubernetes.Tests.Example;

/// <summary>
/// Issue #3 done-when, on the RAN edge site edge-muc-01 of examples/fleet: an object that leaves the bundle is pruned
/// while an object Edgeplane does not own is left alone; a change made with the real kubectl is drift, reported with
/// its field path and corrected.
/// </summary>
public sealed class ExampleBundleLifecycleTests
{
    private const string Cluster = "edge-muc-01";
    private const string MucFile = "clusters/edge/eu-central/muc-01.yaml";

    [Fact]
    public async Task Apply_RanWorkLeavesTheSite_ItsObjectsPruned_ForeignObjectAndItsNamespaceKept()
    {
        using var fleet = new ExampleFleetCopy();
        await using var site = await AppliedSiteAsync(fleet);
        var foreign = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "operator-notes", NamespaceProperty = "ran-vrouter" } };
        await site.Client.CoreV1.CreateNamespacedConfigMapAsync(foreign, "ran-vrouter");
        // The site no longer runs the DU (CNF) nor the vRouter (VNF), and the RAN workspace no longer targets it.
        fleet.ReplaceOnce(MucFile, "    ran.acme.example.net/du: \"true\"\n    ran.acme.example.net/vrouter: \"true\"\n", "    ran.acme.example.net/retired: \"true\"\n");
        fleet.ReplaceOnce("workspaces/ran.yaml", "  targets:\n    layers: [edge, regional]\n",
            "  targets:\n    layers: [edge, regional]\n    selector: {matchExpressions: [{key: ran.acme.example.net/retired, operator: DoesNotExist}]}\n");
        var next = ExampleFleetCopy.Request(fleet.Render(Cluster, revision: "example-2"));

        var result = await site.ApplyAsync(next);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(
            [
                "Deployment ran-du/du", "LimitRange ran-du/edgeplane-workspace", "LimitRange ran-vrouter/edgeplane-workspace", "Namespace ran-du",
                "NetworkAttachmentDefinition.k8s.cni.cncf.io ran-du/du-fronthaul", "NetworkAttachmentDefinition.k8s.cni.cncf.io ran-vrouter/vrouter-uplink",
                "NetworkPolicy ran-du/edgeplane-workspace-isolation", "NetworkPolicy ran-vrouter/edgeplane-workspace-isolation",
                "ResourceQuota ran-du/edgeplane-workspace", "ResourceQuota ran-vrouter/edgeplane-workspace",
                "RoleBinding ran-du/edgeplane-workspace", "RoleBinding ran-du/edgeplane-workspace-admins",
                "RoleBinding ran-du/edgeplane-workspace-members", "RoleBinding ran-vrouter/edgeplane-workspace",
                "RoleBinding ran-vrouter/edgeplane-workspace-admins", "RoleBinding ran-vrouter/edgeplane-workspace-members",
                "Service ran-du/du", "Service ran-vrouter/vrouter",
                "ServiceAccount ran-du/edgeplane-workspace", "ServiceAccount ran-vrouter/edgeplane-workspace", "VirtualMachine.kubevirt.io ran-vrouter/vrouter",
            ],
            result.ChangeSet.Entries.Where(e => e.Action == ChangeAction.Deleted).Select(e => e.Object.ToString()).Order(StringComparer.Ordinal));
        var kept = result.ChangeSet.For(new ObjectRef("", "Namespace", null, "ran-vrouter"))!;
        Assert.Equal(ChangeAction.Skipped, kept.Action);
        Assert.Equal("not pruned: the namespace holds objects Edgeplane does not own for this bundle: ConfigMap ran-vrouter/operator-notes", kept.Message);
        Assert.Equal(404, await StatusOfAsync(site.Client.CustomObjects.GetNamespacedCustomObjectAsync("kubevirt.io", "v1", "ran-vrouter", "virtualmachines", "vrouter")));
        Assert.Equal(404, await StatusOfAsync(site.Client.AppsV1.ReadNamespacedDeploymentAsync("du", "ran-du")));
        Assert.Equal("operator-notes", (await site.Client.CoreV1.ReadNamespacedConfigMapAsync("operator-notes", "ran-vrouter")).Metadata.Name);
        Assert.Equal("Active", (await site.Client.CoreV1.ReadNamespaceAsync("ran-vrouter")).Status.Phase);
        Assert.Equal(["Namespace ran-vrouter"], // kept, so still tracked; the pruned ones are not
            result.Inventory!.Entries.Select(e => e.Object.ToString()).Where(o => o.Contains("ran-", StringComparison.Ordinal)));
        // Everything else stayed; each kept object gets the new revision's annotation.
        Assert.Equal(next.Objects.Count, result.ChangeSet.Count(ChangeAction.Configured));
        Assert.All(result.ChangeSet.Entries.Where(e => e.Action == ChangeAction.Configured), e =>
            Assert.Equal("changed: metadata.annotations[edgeplane.dev/source-revision]", e.Message));
    }

    [Fact]
    public async Task Drift_KubectlPatchesTheCnfAndItsNetwork_ReportedWithPathsAndCorrected()
    {
        using var fleet = new ExampleFleetCopy();
        await using var site = await AppliedSiteAsync(fleet);
        var request = ExampleFleetCopy.Request(fleet.Render(Cluster));
        using (var kubectl = new Kubectl(site.Server, Cluster))
        {
            await kubectl.OkAsync("patch", "deployment", "du", "-n", "ran-du", "--type=merge", "-p", """{"spec":{"replicas":3}}""");
            await kubectl.OkAsync("patch", "network-attachment-definitions.k8s.cni.cncf.io", "du-fronthaul", "-n", "ran-du", "--type=merge",
                "-p", """{"spec":{"config":"{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"master\":\"eth9\"}"}}""");
        }

        var report = await site.DetectDriftAsync(request, DriftPolicy.Correct);
        // The correction scaled the deployment back; let the simulated controller write its status before taking the
        // resource version that witnesses "the second check writes nothing".
        var settled = await site.AdvanceAndWaitHealthyAsync(request.Objects);
        await site.Sim.WhenControllersIdleAsync(); // witness below: the simulated controllers' status writes have landed
        var version = site.Sim.ResourceVersion;
        var again = await site.DetectDriftAsync(request, DriftPolicy.Correct);

        Assert.Empty(report.Failures);
        Assert.Equal(request.Objects.Count, report.Checked);
        Assert.Equal(["Deployment ran-du/du", "NetworkAttachmentDefinition.k8s.cni.cncf.io ran-du/du-fronthaul"],
            report.Drifted.Select(d => d.Object.ToString()).Order(StringComparer.Ordinal));
        Assert.All(report.Drifted, d => Assert.True(d.Kind == DriftKind.Modified && d.Corrected, d.ToString()));
        // kubectl's patch also took those fields from Edgeplane's field manager: ownership is part of the drift.
        Assert.Equal(["spec.replicas", "metadata.managedFields[edgeplane]"], report.Drifted.Single(d => d.Object.Kind == "Deployment").FieldPaths);
        Assert.Equal(["spec.config", "metadata.managedFields[edgeplane]"], report.Drifted.Single(d => d.Object.Kind == "NetworkAttachmentDefinition").FieldPaths);
        Assert.Equal(1, (await site.Client.AppsV1.ReadNamespacedDeploymentAsync("du", "ran-du")).Spec.Replicas);
        var nad = await site.Client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.JsonElement>(
            "k8s.cni.cncf.io", "v1", "ran-du", "network-attachment-definitions", "du-fronthaul");
        Assert.Contains("\"master\":\"ens2f0\"", nad.GetProperty("spec").GetProperty("config").GetString(), StringComparison.Ordinal);
        Assert.Equal(HealthWaitOutcome.Current, settled.Outcome);
        Assert.False(again.HasDrift);
        Assert.Equal(version, site.Sim.ResourceVersion); // a check without drift writes nothing
    }

    /// <summary>A KubeSim site with edge-muc-01's bundle applied and healthy.</summary>
    private static async Task<ExampleSite> AppliedSiteAsync(ExampleFleetCopy fleet)
    {
        var site = await ExampleSite.StartAsync(Cluster);
        var request = ExampleFleetCopy.Request(fleet.Render(Cluster));
        var applied = await site.ApplyAsync(request);
        Assert.True(applied.Succeeded, string.Join("\n", applied.Failures));
        var healthy = await site.AdvanceAndWaitHealthyAsync(request.Objects);
        Assert.True(healthy.Outcome == HealthWaitOutcome.Current, string.Join("\n", healthy.NotCurrent));
        return site;
    }

    private static async Task<int> StatusOfAsync(Task read)
    {
        try
        {
            await read;
            return 200;
        }
        catch (HttpOperationException error)
        {
            return (int)error.Response.StatusCode;
        }
    }
}
