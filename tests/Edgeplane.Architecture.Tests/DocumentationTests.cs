using System.Xml.Linq;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// The libraries other projects build on (the model, the renderer, the apply engine and the wire contract) document
/// every public type and member, and a missing comment fails the build (CS1591 under warnings-as-errors).
/// </summary>
public sealed class DocumentationTests
{
    public static TheoryData<string> DocumentedProjects =>
        ["Edgeplane.Model", "Edgeplane.Rendering", "Edgeplane.Kubernetes", "Edgeplane.Protocol"];

    [Theory]
    [MemberData(nameof(DocumentedProjects))]
    public void Library_GeneratesItsDocumentationFile(string project)
    {
        var csproj = XDocument.Load(Repository.PathOf("src", project, project + ".csproj"));

        var values = csproj.Descendants("GenerateDocumentationFile").Select(e => e.Value.Trim()).ToList();

        Assert.Equal(["true"], values);
    }

    [Theory]
    [MemberData(nameof(DocumentedProjects))]
    public void Library_MissingDocumentationIsAnError(string project)
    {
        var csproj = XDocument.Load(Repository.PathOf("src", project, project + ".csproj"));
        var props = XDocument.Load(Repository.PathOf("Directory.Build.props"));
        var settings = csproj.Descendants().Concat(props.Descendants()).ToList();

        Assert.Contains(settings, e => e.Name.LocalName == "TreatWarningsAsErrors" && e.Value.Trim() == "true");
        Assert.DoesNotContain(settings, e => e.Name.LocalName is "NoWarn" or "WarningsNotAsErrors" && e.Value.Contains("1591", StringComparison.Ordinal));
        Assert.DoesNotContain(csproj.Descendants(), e => e.Name.LocalName == "TreatWarningsAsErrors" && e.Value.Trim() == "false");
    }
}
