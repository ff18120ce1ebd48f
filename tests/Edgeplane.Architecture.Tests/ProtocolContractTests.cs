using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Edgeplane.Model.Loading;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.V1;
using Edgeplane.Rendering;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// The hub↔agent contract lives in Edgeplane.Protocol only (docs/protocol.md, "One contract"): the hub and the agent
/// never parse bundle documents or digests, compress bundles, or read identity error trailers themselves; the agent
/// compares identity errors by value. Rules look at code, not comments; each is shown to catch the code it replaced.
/// </summary>
public sealed partial class ProtocolContractTests
{
    private static readonly string[] ContractTypes =
        [nameof(BundleDocument), nameof(BundleDigest), nameof(BundleCompression), nameof(BundleCodec), "BundleFormat", nameof(IdentityError)];

    private static readonly string[] HubAndAgent = ["src/Edgeplane.Hub", "src/Edgeplane.Agent"];

    public static TheoryData<string> Rules() => new(RuleBook.Keys);

    [Theory]
    [MemberData(nameof(Rules))]
    public void HubAndAgent_LeaveTheContractToProtocol(string rule)
    {
        var (folders, pattern) = RuleBook[rule];
        var files = folders.SelectMany(SourceFiles).ToList();

        var offences = files.SelectMany(f => CodeLines(f).Where(l => pattern.IsMatch(l.Code)).Select(l => $"{f}:{l.Number}: {l.Code.Trim()}")).ToList();

        Assert.True(files.Count > 50, $"expected the sources of {string.Join(", ", folders)}, found {files.Count} files");
        Assert.True(offences.Count == 0, $"{rule}:\n{string.Join("\n", offences)}");
    }

    [Theory]
    [InlineData("digests are read and written only by Protocol's BundleDigest", """var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(canonical));""")]
    [InlineData("digests are read and written only by Protocol's BundleDigest", """[GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]""")]
    [InlineData("digests are read and written only by Protocol's BundleDigest", """foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "sha256-*"))""")]
    [InlineData("bundle documents are read only by Protocol's BundleDocument.Parse", """var array = root as JsonArray ?? root?["spec"]?["objects"] as JsonArray;""")]
    [InlineData("bundle documents are read only by Protocol's BundleDocument.Parse", """Require(document, "apiVersion", "edgeplane.dev/v1alpha1");""")]
    [InlineData("bundles are compressed only by Protocol's BundleCodec", """await using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))""")]
    [InlineData("bundles are compressed only by Protocol's BundleCodec", """if (!BrotliEncoder.TryCompress(data, buffer, out var written, Quality, Window))""")]
    [InlineData("identity error trailers are written and read only by Protocol's IdentityErrors", """var reason = e.Trailers.GetValue(GatewayMetadata.IdentityErrorKey);""")]
    [InlineData("identity error codes are spelled only by Protocol (compared by value, named by nameof)", """StatusCode.PermissionDenied when reason == "ClusterRevoked" => IdentityReasons.ClusterRevoked,""")]
    [InlineData("identity error codes are spelled only by Protocol (compared by value, named by nameof)", """if ("AlreadyRenewed".Equals(reason, StringComparison.Ordinal))""")]
    [InlineData("identity error codes are spelled only by Protocol (compared by value, named by nameof)", """case "TokenExpired":""")]
    [InlineData("identity error codes are spelled only by Protocol (compared by value, named by nameof)", """public const string ClusterRevoked = "ClusterRevoked";""")]
    public void Rule_CatchesTheCodeItReplaced(string rule, string code)
    {
        Assert.Matches(RuleBook[rule].Pattern, code);
    }

    [Fact]
    public void CodeLines_LeaveCommentsOut_KeepStrings()
    {
        var lines = Strip(["/// <summary><c>sha256:&lt;hex&gt;</c></summary>", "    // GZipStream once", """var url = "http://a/b"; // "sha256:" """]);

        Assert.Equal(["", "", """var url = "http://a/b";"""], lines.Select(l => l.TrimEnd()));
    }

    [Fact]
    public void ContractTypes_AreDeclaredOnlyInProtocol()
    {
        var declaration = new Regex($@"\b(class|record|struct|enum|interface)\s+({string.Join('|', ContractTypes)})\b");
        var projects = OutsideProtocol();

        var declared = projects.SelectMany(SourceFiles)
            .SelectMany(f => CodeLines(f).Where(l => declaration.IsMatch(l.Code)).Select(l => $"{f}:{l.Number}")).ToList();
        var compiled = new[] { "Edgeplane.Hub", "Edgeplane.Agent" }.SelectMany(a => Assembly.Load(a).GetTypes())
            .Where(t => ContractTypes.Contains(t.Name)).Select(t => $"{t.Assembly.GetName().Name}: {t.FullName}").ToList();

        Assert.True(projects.Length >= 7, string.Join(", ", projects));
        Assert.True(declared.Count == 0, "declared outside src/Edgeplane.Protocol: " + string.Join(", ", declared));
        Assert.True(compiled.Count == 0, "compiled into the hub or agent: " + string.Join(", ", compiled));
    }

    [Fact]
    public void Rendering_WritesTheFormatFromProtocolsFile()
    {
        var project = XDocument.Load(Repository.PathOf("src", "Edgeplane.Rendering", "Edgeplane.Rendering.csproj"));

        var linked = project.Descendants("Compile").Select(e => e.Attribute("Include")?.Value.Replace('\\', '/')).ToList();
        var writer = File.ReadAllText(Repository.PathOf("src", "Edgeplane.Rendering", "Templates", "BundleWriter.cs"));

        Assert.Contains("../Edgeplane.Protocol/Bundles/BundleFormat.cs", linked);
        Assert.Contains("BundleFormat.Opening", writer, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"""[^""]*apiVersion[^""]*""u8", writer);
    }

    [Fact]
    public void RenderedBundles_OfTheExampleFleet_AreReadByTheOneParser()
    {
        var loaded = FleetLoader.Load(Repository.PathOf("examples", "fleet"));
        Assert.Empty(loaded.Diagnostics);
        var renderer = new FleetRenderer(loaded.Fleet!);
        var clusters = loaded.Fleet!.Clusters.Select(c => c.Name).ToList();

        foreach (var cluster in clusters)
        {
            var bundle = renderer.Render(cluster, new RenderOptions { Revision = "r-contract" }).Bundle!;
            var document = BundleDocument.Parse(bundle.CanonicalBytes.Span);

            Assert.Equal((cluster, "r-contract", bundle.Prune, bundle.Objects.Count), (document.Name, document.Revision, document.Prune, document.Objects.Count));
            Assert.Equal(bundle.Drift.ToString(), document.Drift.ToString());
            Assert.Equal(BundleDigest.Of(bundle.CanonicalBytes.Span).ToString(), bundle.Digest);
        }
        Assert.True(clusters.Count >= 3, $"the example fleet has {clusters.Count} clusters");
    }

    private static readonly Dictionary<string, (string[] Folders, Regex Pattern)> RuleBook = new()
    {
        ["digests are read and written only by Protocol's BundleDigest"] = (HubAndAgent, DigestText()),
        ["bundle documents are read only by Protocol's BundleDocument.Parse"] = (HubAndAgent, BundleFields()),
        ["bundles are compressed only by Protocol's BundleCodec"] = (HubAndAgent, Compressors()),
        ["identity error trailers are written and read only by Protocol's IdentityErrors"] = (HubAndAgent, TrailerKey()),
        ["identity error codes are spelled only by Protocol (compared by value, named by nameof)"] = (OutsideProtocol(), IdentityErrorText()),
    };

    // Any string literal that is an identity error's name: a reason that reports one takes it with nameof.
    private static Regex IdentityErrorText()
    {
        var names = string.Join('|', Enum.GetNames<IdentityError>().Where(n => n != nameof(IdentityError.Unspecified)));
        return new Regex($"\"({names})\"");
    }

    private static string[] OutsideProtocol() =>
        [.. Directory.GetDirectories(Repository.PathOf("src")).Select(d => "src/" + Path.GetFileName(d))
            .Where(p => p != "src/Edgeplane.Protocol").Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"sha256[:\-]", RegexOptions.IgnoreCase)]
    private static partial Regex DigestText();

    [GeneratedRegex(@"\[\s*""(objects|spec)""\s*\]|""edgeplane\.dev/v1alpha1""")]
    private static partial Regex BundleFields();

    [GeneratedRegex(@"\b(GZipStream|BrotliEncoder|BrotliDecoder|BrotliStream|DeflateStream|ZLibStream)\b")]
    private static partial Regex Compressors();

    [GeneratedRegex(@"\bIdentityErrorKey\b")]
    private static partial Regex TrailerKey();

    private static IEnumerable<string> SourceFiles(string folder) =>
        Repository.SourceFiles(folder).Select(f => f.Path).Order(StringComparer.Ordinal);

    private static IEnumerable<(int Number, string Code)> CodeLines(string file) =>
        Strip(File.ReadAllLines(Repository.PathOf(file))).Select((code, i) => (i + 1, code));

    // Each line without its // comment: the first "//" outside a string literal (an even number of quotes before it).
    private static IEnumerable<string> Strip(IEnumerable<string> lines) => lines.Select(line =>
    {
        var quotes = 0;
        for (var i = 0; i < line.Length - 1; i++)
        {
            if (line[i] == '"' && (i == 0 || line[i - 1] != '\\'))
            {
                quotes++;
            }
            else if (line[i] == '/' && line[i + 1] == '/' && quotes % 2 == 0)
            {
                return line[..i];
            }
        }
        return line;
    });
}
