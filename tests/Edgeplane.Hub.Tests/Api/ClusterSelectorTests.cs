using Edgeplane.Hub.Api;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Tests.Api;

/// <summary>The <c>selector</c> query of <c>GET /api/v1/clusters</c>: the one label-selector grammar, as store terms.</summary>
public sealed class ClusterSelectorTests
{
    [Fact]
    public void TryParse_EveryTermTheStoreCompares_BecomesAStoreTerm()
    {
        Assert.True(ClusterSelector.TryParse("env = prod, tier!=db, zone in (a, b), gpu notin(x), edge, ! legacy", out var terms, out var error), error);

        Assert.Equal(
            ["env In prod", "tier NotIn db", "zone In a|b", "gpu NotIn x", "edge Exists ", "legacy DoesNotExist "],
            terms.Select(t => $"{t.Key} {t.Operator} {string.Join('|', t.Values)}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_Empty_NoTerms(string? text)
    {
        Assert.True(ClusterSelector.TryParse(text, out var terms, out var error));
        Assert.Empty(terms);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("a in (", "invalid label selector term 'a in ('")]
    [InlineData("env=prod,,tier", "invalid label selector term ''")]
    [InlineData("Bad Key=x", "invalid label selector term 'Bad Key=x'")]
    [InlineData("replicas>2", "label selector term on 'replicas': > and < are not supported here; use =, !=, in, notin, key or !key")]
    public void TryParse_Refused_SaysWhyAndGivesNoTerms(string text, string expected)
    {
        Assert.False(ClusterSelector.TryParse(text, out var terms, out var error));
        Assert.Equal(expected, error);
        Assert.Empty(terms);
    }

    [Fact]
    public void TryParse_MoreTermsThanTheApiTakes_Refused()
    {
        var text = string.Join(',', Enumerable.Range(0, ClusterSelector.MaxTerms + 1).Select(i => $"k{i}"));

        Assert.False(ClusterSelector.TryParse(text, out IReadOnlyList<LabelRequirement> terms, out var error));
        Assert.Equal("label selector has more than 32 terms", error);
        Assert.Empty(terms);
    }
}
