using Edgeplane.KubeSim.Selectors;

namespace Edgeplane.KubeSim.Tests.Units;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app = web", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=x", true)]
    [InlineData("tier in (back, front)", true)]
    [InlineData("tier notin (front)", false)]
    [InlineData("example.com/role", false)]
    [InlineData("!example.com/role", true)]
    [InlineData("", true)]
    public void Matches_Expressions(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("app=we b", "invalid label value \"we b\"")]
    [InlineData("-bad=x", "invalid label key \"-bad\"")]
    [InlineData("a=1,,b=2", "empty clause")]
    public void Parse_Malformed_SaysWhatIsWrong(string selector, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LabelSelector.Parse(selector));

        Assert.Contains(expected, error.Message);
    }
}
