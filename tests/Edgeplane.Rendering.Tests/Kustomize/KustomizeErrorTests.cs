using Edgeplane.Model.Sources;
using Edgeplane.Rendering.Kustomize;

namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>Bad input: each build fails with one diagnostic whose text and file:line:col are asserted exactly.</summary>
public sealed class KustomizeErrorTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
        """;

    private static string BuildError(TempRepo repo, string directory = ".", LoadLimits? limits = null)
    {
        var result = new KustomizeBuilder(new RepoFileSystem(repo.Root, limits)).Build(directory);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Objects);
        return Assert.Single(result.Diagnostics).ToString();
    }

    [Fact]
    public void Build_UnsupportedField_NamesFieldAndPosition()
    {
        using var repo = new TempRepo(("kustomization.yaml", "resources:\n- d.yaml\nhelmCharts:\n- name: x\n"), ("d.yaml", Deployment));

        Assert.Equal("kustomization.yaml:3:1: kustomize field 'helmCharts' is not supported", BuildError(repo));
    }

    [Fact]
    public void Build_UnknownField_NamesFieldAndPosition()
    {
        using var repo = new TempRepo(("kustomization.yaml", "resources:\n- d.yaml\n  \nnamePrefx: a-\n"), ("d.yaml", Deployment));

        Assert.Equal("kustomization.yaml:4:1: unknown kustomize field 'namePrefx'", BuildError(repo));
    }

    [Fact]
    public void Build_MissingResourceFile_PointsAtTheEntry()
    {
        using var repo = new TempRepo(("app/kustomization.yaml", "resources:\n- d.yaml\n- missing.yaml\n"), ("app/d.yaml", Deployment));

        Assert.Equal("app/kustomization.yaml:3:3: resource 'missing.yaml' does not exist (neither a file nor a directory)",
            BuildError(repo, "app"));
    }

    [Fact]
    public void Build_PathLeavingTheRoot_Refused()
    {
        using var repo = new TempRepo(("app/kustomization.yaml", "resources:\n- ../../outside\n"));

        Assert.Equal("app/kustomization.yaml:2:3: path '../../outside' leaves the fleet repo", BuildError(repo, "app"));
    }

    [Fact]
    public void Build_SymlinkLeadingOut_Refused()
    {
        using var repo = new TempRepo(("kustomization.yaml", "resources:\n- link.yaml\n"));
        File.WriteAllText(Path.Combine(repo.Outside, "secret.yaml"), Deployment);
        File.CreateSymbolicLink(Path.Combine(repo.Root, "link.yaml"), Path.Combine(repo.Outside, "secret.yaml"));

        Assert.Equal("kustomization.yaml:2:3: path 'link.yaml' goes through symlink 'link.yaml' that leads outside the fleet repo",
            BuildError(repo));
    }

    [Fact]
    public void Build_BaseThatIncludesItself_ReportsCycle()
    {
        using var repo = new TempRepo(
            ("a/kustomization.yaml", "resources:\n- ../b\n"),
            ("b/kustomization.yaml", "resources:\n- x.yaml\n- ../a\n"),
            ("b/x.yaml", Deployment));

        Assert.Equal("b/kustomization.yaml:3:3: cycle: '../a' (a) contains 'a', which is being built (via a -> b)", BuildError(repo, "a"));
    }

    [Fact]
    public void Build_OverlayListingItsParentDirectory_ReportsCycle()
    {
        using var repo = new TempRepo(("app/kustomization.yaml", "resources:\n- d.yaml\n"), ("app/d.yaml", Deployment),
            ("app/overlay/kustomization.yaml", "resources:\n- ..\n"));

        Assert.Equal("app/overlay/kustomization.yaml:2:3: cycle: '..' (app) contains 'app/overlay', which is being built (via app/overlay)",
            BuildError(repo, "app/overlay"));
    }

    [Fact]
    public void Build_InvalidPatchTargetRegex_PointsAtTarget()
    {
        using var repo = new TempRepo(("kustomization.yaml", """
            resources:
            - d.yaml
            patches:
            - target:
                name: "web("
              patch: |-
                - op: add
                  path: /metadata/labels
                  value: {}
            """), ("d.yaml", Deployment));

        Assert.StartsWith("kustomization.yaml:5:5: patch target name 'web(' is not a valid regular expression: ", BuildError(repo));
    }

    [Fact]
    public void Build_PatchTargetWithABackreference_RefusedAsNotLinear()
    {
        using var repo = new TempRepo(("kustomization.yaml", """
            resources:
            - d.yaml
            patches:
            - target:
                name: "(web)\\1"
              patch: |-
                - op: add
                  path: /metadata/labels
                  value: {}
            """), ("d.yaml", Deployment));

        Assert.StartsWith("kustomization.yaml:5:5: patch target name '(web)\\1' is not a valid regular expression: it cannot be matched in linear time",
            BuildError(repo));
    }

    [Fact]
    public void Build_PatchTargetLongerThanTheLimit_Refused()
    {
        var pattern = new string('w', RegexCache.MaxPatternLength + 1);
        using var repo = new TempRepo(("kustomization.yaml", $$"""
            resources:
            - d.yaml
            patches:
            - target:
                name: "{{pattern}}"
              patch: |-
                - op: add
                  path: /metadata/labels
                  value: {}
            """), ("d.yaml", Deployment));

        Assert.Equal($"kustomization.yaml:5:5: patch target name '{pattern}' is not a valid regular expression: the pattern is longer than 1024 characters",
            BuildError(repo));
    }

    /// <summary>Patterns never time out (a timeout made renders depend on machine load): they run on the linear engine.</summary>
    [Fact]
    public void Linear_IsNonBacktrackingWithoutTimeout_AndAnswersACatastrophicPatternAtOnce()
    {
        var regex = RegexCache.Linear("^(?:(a+)+b)$", "(a+)+b");

        Assert.True(regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));
        Assert.Equal(System.Text.RegularExpressions.Regex.InfiniteMatchTimeout, regex.MatchTimeout);
        Assert.DoesNotMatch(regex, new string('a', 5000));
    }

    [Fact]
    public void Build_StrategicMergePatchWithoutMatchingObject_NamesTheMissingId()
    {
        using var repo = new TempRepo(("kustomization.yaml", """
            resources:
            - d.yaml
            patches:
            - patch: |-
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: nope
            """), ("d.yaml", Deployment));

        Assert.Equal("kustomization.yaml:4:3: no resource matches the patch target Deployment.v1.apps/nope", BuildError(repo));
    }

    [Fact]
    public void Build_Json6902OnMissingPath_NamesOperationAndPath()
    {
        using var repo = new TempRepo(("kustomization.yaml", """
            resources:
            - d.yaml
            patches:
            - target:
                kind: Deployment
              path: ops.yaml
            """), ("d.yaml", Deployment), ("ops.yaml", "- op: add\n  path: /metadata/labels\n  value: {a: b}\n- op: replace\n  path: /spec/template/spec\n  value: {}\n"));

        Assert.Equal("kustomization.yaml:4:3: patch file 'ops.yaml' on Deployment.v1.apps/web: operation 2 (replace /spec/template/spec): "
            + "path '/spec/template/spec' does not exist (no 'spec/template')", BuildError(repo));
    }

    [Fact]
    public void Build_MalformedYamlInResource_PointsInsideTheResourceFile()
    {
        using var repo = new TempRepo(("kustomization.yaml", "resources:\n- bad.yaml\n"), ("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n"));

        Assert.StartsWith("bad.yaml:5:1: invalid YAML: ", BuildError(repo));
    }

    [Fact]
    public void Build_RemoteBase_Refused()
    {
        using var repo = new TempRepo(("kustomization.yaml", "resources:\n- https://github.com/example/repo//base?ref=v1\n"));

        Assert.Equal("kustomization.yaml:2:3: remote reference 'https://github.com/example/repo//base?ref=v1' is not allowed: "
            + "everything must be in the fleet repo", BuildError(repo));
    }

    [Fact]
    public void Build_DirectoryWithoutKustomization_PointsAtTheEntry()
    {
        using var repo = new TempRepo(("kustomization.yaml", "resources:\n- plain\n"), ("plain/d.yaml", Deployment));

        Assert.Equal("kustomization.yaml:2:3: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'plain'",
            BuildError(repo));
    }

    [Fact]
    public void Build_ComponentListedAsResource_Refused()
    {
        using var repo = new TempRepo(("kustomization.yaml", "resources:\n- comp\n"),
            ("comp/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"));

        Assert.Equal("kustomization.yaml:2:3: 'comp' is a Component; list it under 'components', not 'resources'", BuildError(repo));
    }

    [Fact]
    public void Build_MergeGeneratorWithoutBase_NamesTheMissingConfigMap()
    {
        using var repo = new TempRepo(("kustomization.yaml", "configMapGenerator:\n- name: cfg\n  behavior: merge\n  literals: [a=b]\n"));

        Assert.Equal("kustomization.yaml:2:3: ConfigMap.v1/cfg does not exist; behavior 'merge' needs an existing ConfigMap to act on",
            BuildError(repo));
    }

    [Fact]
    public void Build_SameResourceTwice_ReportsDuplicateId()
    {
        using var repo = new TempRepo(("kustomization.yaml", "resources:\n- d.yaml\n- again.yaml\n"), ("d.yaml", Deployment), ("again.yaml", Deployment));

        Assert.Equal("kustomization.yaml:3:3: may not add resource with an already registered id: Deployment.v1.apps/web", BuildError(repo));
    }

    [Fact]
    public void Build_FileOverSizeLimit_NamesTheLimit()
    {
        using var repo = new TempRepo(("kustomization.yaml", "resources:\n- d.yaml\n"), ("d.yaml", Deployment));

        Assert.Equal("d.yaml: file is 78 bytes, more than the limit of 64 bytes (MaxFileBytes)",
            BuildError(repo, limits: new LoadLimits { MaxFileBytes = 64 }));
    }

    [Fact]
    public void Build_EnvLineWithoutValue_RefusesToReadTheEnvironment()
    {
        using var repo = new TempRepo(("kustomization.yaml", "configMapGenerator:\n- name: cfg\n  envs: [app.env]\n"), ("app.env", "A=1\n# note\nHOME\n"));

        Assert.Equal("app.env:3:1: 'HOME' has no '=value'; taking values from the environment is not supported", BuildError(repo));
    }

    [Fact]
    public void Build_WrongFieldType_PointsAtTheValue()
    {
        using var repo = new TempRepo(("kustomization.yaml", "namePrefix:\n  a: b\n"));

        Assert.Equal("kustomization.yaml:2:3: kustomize field 'namePrefix' must be a string", BuildError(repo));
    }

    [Fact]
    public void Build_MissingDirectory_Refused()
    {
        using var repo = new TempRepo();

        Assert.Equal("nowhere: directory 'nowhere' does not exist", BuildError(repo, "nowhere"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("{}\n")]
    public void Build_EmptyKustomization_Refused(string content)
    {
        using var repo = new TempRepo(("app/kustomization.yaml", content));

        Assert.Equal("app/kustomization.yaml: the kustomization file is empty", BuildError(repo, "app"));
    }
}
