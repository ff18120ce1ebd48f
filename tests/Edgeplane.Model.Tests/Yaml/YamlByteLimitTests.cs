using Edgeplane.Model.Sources;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Model.Tests.Yaml;

/// <summary>
/// Bytes after alias expansion (<see cref="LoadLimits.MaxDocumentBytes"/>): an alias counts what it stands for, and the
/// count stops the load at the alias that crosses the limit, before anything is copied.
/// </summary>
public sealed class YamlByteLimitTests
{
    /// <summary>A ConfigMap whose <c>data.a0</c> is anchored and <paramref name="aliases"/> keys alias it.</summary>
    internal static string AliasedStringBomb(int stringLength, int aliases) =>
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  a0: &big " + new string('x', stringLength) + "\n"
        + string.Concat(Enumerable.Range(1, aliases).Select(i => $"  a{i}: *big\n"));

    [Fact]
    public void Load_LargeStringAliasedManyTimes_StopsAtTheAliasThatCrossesTheByteLimit()
    {
        var bomb = AliasedStringBomb(500_000, 399);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var result = YamlLoader.Load("bomb.yaml", bomb);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("bomb.yaml:10:7: document expands to more than 2 MiB (2097152 bytes) of keys and values, counting YAML aliases: it exceeds the document limit (MaxDocumentBytes)",
            error.ToString());
        Assert.Equal("LimitExceeded", error.Code);
        Assert.Empty(result.Documents);
        // 200 MB if the aliases were expanded; the text itself (500 KB, read as UTF-16 and as one scalar) is a few MB.
        Assert.True(allocated < 16L * 1024 * 1024, $"loading allocated {allocated} bytes");
    }

    [Fact]
    public void Load_DocumentExactlyAtTheByteLimit_Loads_OneByteMoreIsRefused()
    {
        // Keys and values: "k" (1) + "x" * 10 (10) + "c" (1) + alias of 10 = 22 bytes.
        var text = "k: &v xxxxxxxxxx\nc: *v\n";

        var atLimit = YamlLoader.Load("f.yaml", text, new LoadLimits { MaxDocumentBytes = 22 });
        var overLimit = YamlLoader.Load("f.yaml", text, new LoadLimits { MaxDocumentBytes = 21 });

        Assert.Empty(atLimit.Diagnostics);
        Assert.Equal(22, Assert.Single(atLimit.Documents).Bytes);
        Assert.Equal("f.yaml:2:4: document expands to more than 21 bytes of keys and values, counting YAML aliases: it exceeds the document limit (MaxDocumentBytes)",
            Assert.Single(overLimit.Diagnostics).ToString());
        Assert.Empty(overLimit.Documents);
    }

    [Fact]
    public void Load_MergeKeyAndNestedAliases_CountWhatTheyExpandTo()
    {
        var text = "base: &b {x: aaaaaaaaaa}\nmid: &m [*b, *b]\nall:\n  <<: *b\n  list: *m\n";

        var result = YamlLoader.Load("m.yaml", text);

        // base 4 + (x 1 + 10); mid 3 + 11 + 11; all 3; "<<" 2 + 11; list 4 + 22 (every alias counts its anchor's content).
        Assert.Equal(15 + 25 + 3 + 13 + 26, Assert.Single(result.Documents).Bytes);
        Assert.Equal("aaaaaaaaaa", result.Documents[0].Root["all"]!["x"]!.GetValue<string>());
    }

    [Fact]
    public void Load_MultiByteCharacters_CountedAsUtf8Bytes()
    {
        var result = YamlLoader.Load("u.yaml", "k: \"äöü\"\n", new LoadLimits { MaxDocumentBytes = 6 });

        Assert.Equal("u.yaml:1:4: document expands to more than 6 bytes of keys and values, counting YAML aliases: it exceeds the document limit (MaxDocumentBytes)",
            Assert.Single(result.Diagnostics).ToString());
    }
}
