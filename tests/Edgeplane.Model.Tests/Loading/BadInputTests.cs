using Edgeplane.Model.Loading;
using Edgeplane.Model.Sources;

namespace Edgeplane.Model.Tests.Loading;

/// <summary>Every kind of bad commit is refused with one exact message naming file, line and column; no snapshot is produced.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string H = "apiVersion: edgeplane.dev/v1alpha1\n";
    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    private void AssertErrors(params string[] expected) => AssertErrors(null, expected);

    private void AssertErrors(LoadLimits? limits, params string[] expected)
    {
        var result = FleetLoader.Load(_fleet.Root, limits);

        Assert.Null(result.Fleet);
        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Load_MalformedYaml_Refused()
    {
        _fleet.Write("clusters/edge-a.yaml", H + "kind: Cluster\nmetadata:\n  name: [edge-a\nspec: {}\n");

        var error = Assert.Single(FleetLoader.Load(_fleet.Root).Diagnostics);

        Assert.StartsWith("clusters/edge-a.yaml:4:9: invalid YAML: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownField_SuggestsTheClosest() =>
        WithCluster("  regoin: north\n", "clusters/edge-a.yaml:10:3: Cluster \"edge-a\": unknown field \"spec.regoin\"; did you mean \"region\"?");

    [Fact]
    public void Load_UnknownKind_SuggestsTheClosest()
    {
        _fleet.Replace("clusters/edge-a.yaml", "kind: Cluster", "kind: Clustr");

        AssertErrors("clusters/edge-a.yaml:2:7: unknown kind \"Clustr\"; did you mean \"Cluster\"? (known kinds: Fleet, Cluster, AddOn, Profile, Workspace, Application, NetworkFunction, Rollout, ClusterTemplate)");
    }

    [Fact]
    public void Load_MissingRequiredField_Refused()
    {
        _fleet.Replace("clusters/edge-a.yaml", "  provider: k3s\n", "");

        AssertErrors("clusters/edge-a.yaml:6:3: Cluster \"edge-a\": spec.provider is required");
    }

    [Fact]
    public void Load_BadDnsName_Refused()
    {
        _fleet.Replace("clusters/edge-a.yaml", "name: edge-a", "name: Edge_A");

        AssertErrors("clusters/edge-a.yaml:4:9: Cluster: metadata.name \"Edge_A\" is not a valid name: a DNS-1123 label has at most 63 characters: lowercase letters, digits or '-', starting and ending with a letter or digit");
    }

    [Fact]
    public void Load_DuplicateName_NamesTheFirst()
    {
        _fleet.Write("clusters/copy.yaml", File.ReadAllText(Path.Combine(_fleet.Root, "clusters/edge-c.yaml")));

        AssertErrors("clusters/edge-c.yaml:1:1: Cluster \"edge-c\" is defined twice; the first is at clusters/copy.yaml:1:1");
    }

    [Fact]
    public void Load_DependencyCycle_ShowsThePath()
    {
        _fleet.Replace("addons/net/addon.yaml", "  namespace: net-system\n", "  namespace: net-system\n  dependsOn: [mesh]\n");

        AssertErrors("addons/net/addon.yaml:8:15: AddOn \"net\": dependency cycle: AddOn/mesh → AddOn/net → AddOn/mesh");
    }

    [Fact]
    public void Load_SourcePathClimbingOut_Refused()
    {
        _fleet.Replace("addons/mesh/addon.yaml", "path: mesh.yaml", "path: ../../../secret.yaml");

        AssertErrors("addons/mesh/addon.yaml:11:13: AddOn \"mesh\": path '../../../secret.yaml' leaves the fleet repo");
    }

    [Fact]
    public void Load_AbsoluteSourcePath_Refused()
    {
        _fleet.Replace("addons/mesh/addon.yaml", "path: mesh.yaml", "path: /etc/passwd");

        AssertErrors("addons/mesh/addon.yaml:11:13: AddOn \"mesh\": absolute path '/etc/passwd' is not allowed: use a path relative to the file");
    }

    [Fact]
    public void Load_SymlinkLeavingTheRepo_Refused()
    {
        File.WriteAllText(Path.Combine(_fleet.Outside, "secret.yaml"), "kind: Secret\n");
        File.CreateSymbolicLink(Path.Combine(_fleet.Root, "addons/mesh/link.yaml"), Path.Combine(_fleet.Outside, "secret.yaml"));
        _fleet.Delete("addons/mesh/mesh.yaml");

        AssertErrors("addons/mesh/link.yaml: path 'addons/mesh/link.yaml' goes through symlink 'addons/mesh/link.yaml' that leads outside the fleet repo");
    }

    [Fact]
    public void Load_AliasBomb_StoppedByNodeLimit()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        _fleet.Write("bomb.yaml", bomb);

        AssertErrors("bomb.yaml:5:36: document expands to more than 100000 nodes, counting YAML aliases (limit MaxNodesPerDocument)");
    }

    [Fact]
    public void Load_OversizedFile_Refused()
    {
        _fleet.Write("big.yaml", "a: " + new string('x', 2000) + "\n");

        AssertErrors(LoadLimits.Default with { MaxFileBytes = 1000 }, "big.yaml: file is 2004 bytes, more than the limit of 1000 bytes (MaxFileBytes)");
    }

    [Fact]
    public void Load_TooManyDocuments_Refused()
    {
        _fleet.Write("many.yaml", string.Concat(Enumerable.Repeat("a: 1\n---\n", 5)));

        AssertErrors(LoadLimits.Default with { MaxDocumentsPerFile = 3 }, "many.yaml:6:1: file has more than 3 YAML documents (limit MaxDocumentsPerFile)");
    }

    [Fact]
    public void Load_TooDeepNesting_Refused()
    {
        _fleet.Write("deep.yaml", string.Concat(Enumerable.Repeat("[", 10)) + string.Concat(Enumerable.Repeat("]", 10)) + "\n");

        AssertErrors(LoadLimits.Default with { MaxDepth = 8 }, "deep.yaml:1:9: YAML nesting is deeper than 8 levels (limit MaxDepth)");
    }

    [Fact]
    public void Load_ClusterInMissingRegion_SuggestsOne()
    {
        _fleet.Replace("clusters/edge-c.yaml", "region: south", "region: soth");

        AssertErrors("clusters/edge-c.yaml:7:11: Cluster \"edge-c\": spec.region \"soth\" is not a region of the Fleet; did you mean \"south\"?");
    }

    [Fact]
    public void Load_LayerNotInFleet_Refused()
    {
        _fleet.Replace("clusters/cloud-1.yaml", "layer: cloud", "layer: fog");

        AssertErrors("clusters/cloud-1.yaml:6:10: Cluster \"cloud-1\": spec.layer \"fog\" is not a layer of the Fleet");
    }

    [Fact]
    public void Load_LayerNotAllowedInRegion_Refused()
    {
        _fleet.Replace("clusters/cloud-1.yaml", "region: north", "region: south");

        AssertErrors("clusters/cloud-1.yaml:6:10: Cluster \"cloud-1\": region \"south\" holds only the layers edge, not \"cloud\"");
    }

    [Fact]
    public void Load_SiteOfAnotherRegion_Refused()
    {
        _fleet.Replace("clusters/edge-c.yaml", "site: site-c", "site: site-a");

        AssertErrors("clusters/edge-c.yaml:8:9: Cluster \"edge-c\": site \"site-a\" belongs to region \"north\", not \"south\"");
    }

    [Fact]
    public void Load_EdgeClusterWithoutSite_Refused()
    {
        _fleet.Replace("clusters/edge-c.yaml", "  site: site-c\n", "");

        AssertErrors("clusters/edge-c.yaml:6:3: Cluster \"edge-c\": spec.site is required in layer \"edge\"");
    }

    [Fact]
    public void Load_BadKubernetesVersion_Refused() =>
        WithCluster("  kubernetesVersion: v1.3o.1\n",
            "clusters/edge-a.yaml:10:22: Cluster \"edge-a\": spec.kubernetesVersion \"v1.3o.1\" is not a Kubernetes version: expected v1.MINOR or v1.MINOR.PATCH with an optional -pre or +build suffix, e.g. v1.30.4 or v1.30.4+k3s1");

    [Fact]
    public void Load_ProfileNamingMissingAddOn_SuggestsOne()
    {
        _fleet.Replace("profiles.yaml", "    - name: mesh", "    - name: mesj");

        AssertErrors("profiles.yaml:8:13: Profile \"edge-base\": spec.addOns[1].name \"mesj\" is not an AddOn; did you mean \"mesh\"?");
    }

    [Fact]
    public void Load_ApplicationNamingMissingWorkspace_Refused()
    {
        _fleet.Replace("apps/app1/app.yaml", "workspace: team", "workspace: teams");

        AssertErrors("apps/app1/app.yaml:6:14: Application \"app1\": spec.workspace \"teams\" is not a Workspace; did you mean \"team\"?");
    }

    [Fact]
    public void Load_ApplicationNamespaceNotOwned_Refused()
    {
        _fleet.Replace("apps/app1/app.yaml", "namespace: team-ns", "namespace: kube-system");

        AssertErrors("apps/app1/app.yaml:7:14: Application \"app1\": namespace \"kube-system\" is not owned by Workspace \"team\" (it owns team-ns)");
    }

    [Fact]
    public void Load_BadCron_Refused()
    {
        _fleet.Replace("rollouts.yaml", "\"0 2 * * *\"", "\"0 25 * * *\"");

        var error = Assert.Single(FleetLoader.Load(_fleet.Root).Diagnostics);

        Assert.StartsWith("rollouts.yaml:12:17: Rollout \"default\": spec.maintenanceWindows[0].schedule \"0 25 * * *\" is not a valid 5-field cron expression: ",
            error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadDuration_Refused()
    {
        _fleet.Replace("rollouts.yaml", "duration: 4h", "duration: 4 hours");

        AssertErrors("rollouts.yaml:13:17: Rollout \"default\": spec.maintenanceWindows[0].duration: '4 hours' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m");
    }

    [Fact]
    public void Load_UnknownOfflinePolicy_SuggestsTheKnownOnes()
    {
        _fleet.Replace("rollouts.yaml", "  waves:\n", "  offline: skp\n  waves:\n");

        AssertErrors("rollouts.yaml:6:12: Rollout \"default\": spec.offline \"skp\" must be one of wait, skip; did you mean \"skip\"?");
    }

    [Fact]
    public void Load_OfflineAndKubernetesVersionGate_AreRead()
    {
        _fleet.Replace("rollouts.yaml", "  waves:\n", "  offline: skip\n  healthGates:\n    - {name: v, minHealthyPercent: 100, timeout: 5m, requireKubernetesVersion: true}\n  waves:\n");

        var loaded = FleetLoader.Load(_fleet.Root);

        Assert.Empty(loaded.Diagnostics);
        var spec = loaded.Fleet!.Rollouts.Single().Spec;
        Assert.Equal(Edgeplane.Model.Specs.OfflinePolicy.Skip, spec.Offline);
        Assert.True(Assert.Single(spec.HealthGates).RequireKubernetesVersion);
    }

    [Fact]
    public void Load_DurationOverAYear_Refused()
    {
        _fleet.Replace("rollouts.yaml", "duration: 4h", "duration: 366d");

        AssertErrors("rollouts.yaml:13:17: Rollout \"default\": spec.maintenanceWindows[0].duration: '366d' is out of range; it must be at most 365 days");
    }

    [Fact]
    public void Load_MissingFleet_Refused()
    {
        _fleet.Delete("fleet.yaml");

        AssertErrors("fleet.yaml: the repo has no Fleet resource: add one (kind: Fleet) in a file at the repo root, e.g. fleet.yaml");
    }

    [Fact]
    public void Load_TwoFleets_Refused()
    {
        _fleet.Write("other.yaml", H + "kind: Fleet\nmetadata:\n  name: other\nspec: {}\n");

        AssertErrors("other.yaml:1:1: Fleet \"other\": a repo has exactly one Fleet, and Fleet \"mini\" is already defined at fleet.yaml:1:1");
    }

    [Fact]
    public void Load_UnsupportedApiVersion_Refused()
    {
        _fleet.Replace("clusters/edge-a.yaml", "edgeplane.dev/v1alpha1", "edgeplane.dev/v2");

        AssertErrors("clusters/edge-a.yaml:1:13: unsupported apiVersion \"edgeplane.dev/v2\": this Edgeplane reads edgeplane.dev/v1alpha1");
    }

    [Fact]
    public void Load_UnknownProvider_ListsTheChoices()
    {
        _fleet.Replace("clusters/edge-a.yaml", "provider: k3s", "provider: k8s");

        AssertErrors("clusters/edge-a.yaml:9:13: Cluster \"edge-a\": spec.provider \"k8s\" must be one of eks, aks, gke, openstack, vsphere, k3s, rke2, kubeadm, existing; did you mean \"k3s\"?");
    }

    [Fact]
    public void Load_FleetKindWithoutApiVersion_Refused()
    {
        _fleet.Replace("clusters/edge-a.yaml", H, "");

        AssertErrors("clusters/edge-a.yaml:1:1: Cluster: apiVersion is required (apiVersion: edgeplane.dev/v1alpha1)");
    }

    [Fact]
    public void Load_WrongType_NamesWhatWasWritten() =>
        WithCluster("  capabilities: kubevirt\n", "clusters/edge-a.yaml:10:17: Cluster \"edge-a\": spec.capabilities must be a list, not the string \"kubevirt\"");

    [Fact]
    public void Load_BadMaxUnavailable_Refused()
    {
        _fleet.Replace("rollouts.yaml", "  waves:", "  maxUnavailable: 150%\n  waves:");

        AssertErrors("rollouts.yaml:6:19: Rollout \"default\": spec.maxUnavailable must be a count (e.g. 2) or a percentage from 0% to 100%, not the string \"150%\"");
    }

    [Fact]
    public void Load_NamespaceOwnedByTwoWorkspaces_Refused()
    {
        _fleet.Write("ws2.yaml", H + "kind: Workspace\nmetadata:\n  name: other\nspec:\n  namespaces: [team-ns]\n  allowedKinds: [ConfigMap]\n  targets: {layers: [edge]}\n");

        AssertErrors("ws2.yaml:6:16: Workspace \"team\": namespace \"team-ns\" is already owned by Workspace \"other\"".Replace("ws2.yaml:6:16", "workspaces.yaml:6:16", StringComparison.Ordinal));
    }

    private void WithCluster(string extraSpecLines, string expected)
    {
        _fleet.Write("clusters/edge-a.yaml", File.ReadAllText(Path.Combine(_fleet.Root, "clusters/edge-a.yaml")) + extraSpecLines);
        AssertErrors(expected);
    }
}
