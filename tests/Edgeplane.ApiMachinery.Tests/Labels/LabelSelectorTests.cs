using Edgeplane.ApiMachinery.Labels;

namespace Edgeplane.ApiMachinery.Tests.Labels;

/// <summary>The Kubernetes label-selector grammar, as kustomize patch targets, KubeSim lists and the hub API read it.</summary>
public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app"] = "web", ["tier"] = "front", ["replicas"] = "3", ["empty"] = "",
    };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app = web", true)]
    [InlineData("app==web,tier!=db", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=x", true)]
    [InlineData("tier in (back, front)", true)]
    [InlineData("tier in(back,front)", true)]
    [InlineData("app in (api, web)", true)]
    [InlineData("tier notin (front)", false)]
    [InlineData("missing notin (front)", true)]
    [InlineData("missing in (front)", false)]
    [InlineData("example.com/role", false)]
    [InlineData("!example.com/role", true)]
    [InlineData("! app", false)]
    [InlineData("!missing,app", true)]
    [InlineData("missing", false)]
    [InlineData("replicas>2", true)]
    [InlineData("replicas<2", false)]
    [InlineData("replicas > 2", true)]
    [InlineData("app>2", false)]
    [InlineData("empty=", true)]
    [InlineData("empty in ()", true)]
    [InlineData("", true)]
    [InlineData("  ", true)]
    public void Matches_Expression(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));

    [Fact]
    public void Parse_Terms_ReadAsRequirements()
    {
        var selector = LabelSelector.Parse("a=1, b!=2, c in (x,y,x), d notin (z), e, !f, g>5, h<6");

        Assert.Equal(
            ["a Equals 1", "b NotEquals 2", "c In x|y", "d NotIn z", "e Exists ", "f DoesNotExist ", "g GreaterThan 5", "h LessThan 6"],
            selector.Requirements.Select(r => $"{r.Key} {r.Operator} {string.Join('|', r.Values)}"));
    }

    [Theory]
    [InlineData("app=we b", "app=we b", "invalid label value \"we b\"")]
    [InlineData("-bad=x", "-bad=x", "invalid label key \"-bad\"")]
    [InlineData("a=1,,b=2", "", "empty clause")]
    [InlineData("a=1,", "", "empty clause")]
    [InlineData("app ~ web", "app ~ web", "expected =, ==, !=, in, notin, > or < after 'app', found '~ web'")]
    [InlineData("tier in front", "tier in front", "expected '(' after 'in'")]
    [InlineData("a in (", "a in (", "expected ')' at the end of the set")]
    [InlineData("app in (web", "app in (web", "expected ')' at the end of the set")]
    [InlineData("replicas>two", "replicas>two", "'two' is not an integer; > and < compare integers")]
    [InlineData("a in (x y)", "a in (x y)", "invalid label value \"x y\"")]
    public void Parse_Malformed_NamesTheTermAndWhatIsWrong(string selector, string term, string reason)
    {
        var error = Assert.Throws<LabelSelectorException>(() => LabelSelector.Parse(selector));

        Assert.Equal(term, error.Term);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"unable to parse requirement \"{term}\": {reason}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverLimits_RefusedAsAWhole()
    {
        var longer = Assert.Throws<LabelSelectorException>(() => LabelSelector.Parse(new string('a', 11), maxLength: 10));
        var more = Assert.Throws<LabelSelectorException>(() => LabelSelector.Parse("a,b,c", maxTerms: 2));

        Assert.Equal("label selector longer than 10 characters", longer.Message);
        Assert.Equal("label selector has more than 2 terms", more.Message);
        Assert.Null(more.Term);
        Assert.Equal((4096, 256), (LabelSelector.MaxLength, LabelSelector.MaxTerms));
    }

    [Fact]
    public void Of_MatchLabelsAndExpressions_AllMustHold()
    {
        var selector = LabelSelector.Of([
            new LabelRequirement("app", LabelOperator.Equals, ["web"]),
            new LabelRequirement("tier", LabelOperator.In, ["front", "back"]),
            new LabelRequirement("legacy", LabelOperator.DoesNotExist, []),
        ]);

        Assert.True(selector.Matches(Labels));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "db" }));
        Assert.True(LabelSelector.Of([]).Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("app", true)]
    [InlineData("example.com/role", true)]
    [InlineData("Example.com/role", false)]
    [InlineData("a/b/c", false)]
    [InlineData("-x", false)]
    [InlineData("", false)]
    public void IsKey_Keys(string key, bool expected) => Assert.Equal(expected, LabelSyntax.IsKey(key));
}
