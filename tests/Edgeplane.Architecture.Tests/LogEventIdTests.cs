using System.Globalization;
using System.Text.RegularExpressions;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// The registry of log event ids: each assembly logs in its own range and no id is used twice, so an id names one
/// event across hub, agent and CLI logs (docs/operations.md, "Log event ids").
/// </summary>
public sealed partial class LogEventIdTests
{
    /// <summary>The range of each project under src/ (inclusive). A new project gets a range here first.</summary>
    private static readonly Dictionary<string, (int First, int Last)> Ranges = new()
    {
        ["Edgeplane.Hub"] = (1, 2999),
        ["Edgeplane.Agent"] = (3000, 3999),
        ["Edgeplane.Kubernetes"] = (4000, 4499),
        ["Edgeplane.KubeSim"] = (4500, 4999),
        ["Edgeplane.Cli"] = (5000, 5999),
        ["Edgeplane.Rendering"] = (6000, 6499),
        ["Edgeplane.Model"] = (6500, 6999),
        ["Edgeplane.Protocol"] = (7000, 7499),
        ["Edgeplane.ApiMachinery"] = (7500, 7749),
        ["Edgeplane.Resilience"] = (7750, 7999),
    };

    [Fact]
    public void EveryProject_HasARange_AndRangesDoNotOverlap()
    {
        var projects = Directory.GetDirectories(Repository.PathOf("src")).Select(Path.GetFileName).ToList();
        var sorted = Ranges.Values.OrderBy(r => r.First).ToList();

        Assert.All(projects, p => Assert.True(Ranges.ContainsKey(p!), $"{p} has no range of log event ids in this registry"));
        Assert.All(sorted.Zip(sorted.Skip(1)), pair => Assert.True(pair.First.Last < pair.Second.First, $"{pair.First} overlaps {pair.Second}"));
    }

    [Fact]
    public void EventIds_AreInTheirProjectsRange_AndUsedOnce()
    {
        var seen = new Dictionary<int, string>();
        var problems = new List<string>();
        foreach (var (project, range) in Ranges.Where(r => Directory.Exists(Repository.PathOf("src", r.Key))))
        {
            foreach (var (path, text) in Repository.SourceFiles($"src/{project}"))
            {
                foreach (Match m in EventId().Matches(text))
                {
                    var id = int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture);
                    var where = $"{path} (event id {id})";
                    if (id < range.First || id > range.Last)
                    {
                        problems.Add($"{where} is outside {project}'s range {range.First}-{range.Last}");
                    }
                    if (!seen.TryAdd(id, where))
                    {
                        problems.Add($"{where} repeats {seen[id]}");
                    }
                }
            }
        }

        Assert.Empty(problems);
        Assert.NotEmpty(seen);
    }

    [Theory]
    [InlineData("[LoggerMessage(EventId = 12, Level = LogLevel.Information)]", 12)]
    [InlineData("[LoggerMessage(eventId: 7, LogLevel.Debug, \"x\")]", 7)]
    [InlineData("[LoggerMessage(3001, LogLevel.Warning, \"x\")]", 3001)]
    [InlineData("logger.Log(LogLevel.Error, new EventId(4500), \"x\")", 4500)]
    public void EventIdPattern_FindsEveryWayOfWritingAnId(string code, int id)
    {
        var match = EventId().Match(code);

        Assert.True(match.Success);
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), match.Groups["id"].Value);
    }

    [GeneratedRegex(@"EventId\s*=\s*(?<id>\d+)|eventId:\s*(?<id>\d+)|LoggerMessage\(\s*(?<id>\d+)|new\s+EventId\(\s*(?<id>\d+)")]
    private static partial Regex EventId();
}
