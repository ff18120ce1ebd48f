using System.Text;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Protocol.Tests.Bundles;

/// <summary>The fixed text the renderer writes (BundleFormat, compiled into Rendering too) is what the one parser reads.</summary>
public sealed class BundleFormatTests
{
    [Theory]
    [InlineData(true, "correct", BundleDrift.Correct)]
    [InlineData(false, "report", BundleDrift.Report)]
    public void Fragments_WithValuesBetweenThem_ParseAsTheDocument(bool prune, string drift, BundleDrift expected)
    {
        using var buffer = new MemoryStream();
        buffer.Write(BundleFormat.Opening);
        buffer.Write("\"edge-1\""u8);
        buffer.Write(BundleFormat.DriftMember);
        buffer.Write(Encoding.UTF8.GetBytes($"\"{drift}\""));
        buffer.Write(BundleFormat.ObjectsMember);
        buffer.Write("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}"""u8);
        buffer.Write(prune ? BundleFormat.PruneTrue : BundleFormat.PruneFalse);
        buffer.Write(BundleFormat.RevisionMember);
        buffer.Write("\"r1\""u8);
        buffer.Write(BundleFormat.Closing);

        var document = BundleDocument.Parse(buffer.ToArray());

        Assert.Equal(("edge-1", expected, prune, "r1", 1), (document.Name, document.Drift, document.Prune, document.Revision, document.Objects.Count));
    }

    [Fact]
    public void Opening_SpellsTheConstants()
    {
        Assert.Equal($$"""{"apiVersion":"{{BundleDocument.ApiVersion}}","kind":"{{BundleDocument.Kind}}","metadata":{"name":""",
            Encoding.UTF8.GetString(BundleFormat.Opening));
        Assert.Equal("sha256:" + new string('0', 64), BundleFormat.DigestOf(new byte[32]));
    }
}
