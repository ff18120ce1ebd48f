using System.Reflection;
using System.Xml.Linq;

namespace Edgeplane.Architecture.Tests;

/// <summary>Keeps the dependency edges from the component table in DESIGN.md / docs/architecture.md.</summary>
public sealed class ProjectReferenceTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Edgeplane.ApiMachinery"] = [],
        ["Edgeplane.Model"] = ["Edgeplane.ApiMachinery"],
        ["Edgeplane.Rendering"] = ["Edgeplane.Model", "Edgeplane.ApiMachinery"],
        ["Edgeplane.Resilience"] = [],
        ["Edgeplane.Kubernetes"] = ["Edgeplane.Resilience"],
        ["Edgeplane.Protocol"] = [],
        ["Edgeplane.KubeSim"] = ["Edgeplane.ApiMachinery"],
        ["Edgeplane.Hub"] = ["Edgeplane.Model", "Edgeplane.Rendering", "Edgeplane.Protocol", "Edgeplane.ApiMachinery", "Edgeplane.Resilience"],
        ["Edgeplane.Agent"] = ["Edgeplane.Protocol", "Edgeplane.Kubernetes", "Edgeplane.Resilience"],
        ["Edgeplane.Cli"] = ["Edgeplane.Model", "Edgeplane.Rendering", "Edgeplane.Kubernetes", "Edgeplane.Protocol",
            "Edgeplane.KubeSim", "Edgeplane.Hub", "Edgeplane.Agent", "Edgeplane.ApiMachinery", "Edgeplane.Resilience"],
    };

    public static TheoryData<string> Projects() => new(Allowed.Keys);

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectFile_ReferencesOnlyAllowedProjects(string project)
    {
        var referenced = ProjectReferencesOf(project);

        var forbidden = referenced.Except(Allowed[project]).ToList();
        Assert.True(forbidden.Count == 0, $"{project} must not reference {string.Join(", ", forbidden)}");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void CompiledAssembly_ReferencesOnlyAllowedAssemblies(string project)
    {
        var assemblyName = project == "Edgeplane.Cli" ? "edgeplane" : project;
        var assembly = Assembly.Load(assemblyName);

        var ours = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Edgeplane.", StringComparison.Ordinal))
            .ToList();

        var forbidden = ours.Except(Allowed[project]).ToList();
        Assert.True(forbidden.Count == 0, $"{project} must not use {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void EverySourceProject_IsCovered()
    {
        var onDisk = Directory.GetDirectories(Repository.PathOf("src")).Select(Path.GetFileName).ToList();

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), onDisk.Order(StringComparer.Ordinal)!);
    }

    [Fact]
    public void Agent_DoesNotDependOnRenderingOrStore()
    {
        var agent = Assembly.Load("Edgeplane.Agent").GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Edgeplane.Rendering", agent);
        Assert.DoesNotContain("Edgeplane.Hub", agent);
        Assert.DoesNotContain("Microsoft.EntityFrameworkCore", agent);
    }

    private static List<string> ProjectReferencesOf(string project)
    {
        var path = Repository.PathOf("src", project, project + ".csproj");
        return XDocument.Load(path).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
    }
}
