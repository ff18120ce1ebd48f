using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Helm;

/// <summary>
/// The simulated chart repositories of one KubeSim server: the <see cref="SimulatedChart"/>s registered with it, their
/// manifests parsed once. Thread-safe; a chart registered again under the same repository, name and version replaces
/// the earlier one.
/// </summary>
internal sealed class ChartRegistry
{
    /// <summary>Charts (name and version pairs) one server holds.</summary>
    public const int MaxCharts = 1_000;

    /// <summary>Objects one chart renders.</summary>
    public const int MaxObjectsPerChart = 500;

    /// <summary>Size of one chart's manifests (kube-apiserver's request limit).</summary>
    public const int MaxManifestChars = 3 * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly List<LoadedChart> _charts = [];

    public ChartRegistry(IEnumerable<SimulatedChart> charts)
    {
        foreach (var chart in charts)
        {
            Add(chart);
        }
    }

    /// <exception cref="ArgumentException">A field is empty, the manifests are not YAML objects with apiVersion, kind and metadata.name, or a limit is passed.</exception>
    public void Add(SimulatedChart chart)
    {
        var loaded = Load(chart);
        lock (_lock)
        {
            _charts.RemoveAll(c => c.Matches(loaded.Repository, chart.Name) && c.Chart.Version == chart.Version);
            if (_charts.Count >= MaxCharts)
            {
                throw new ArgumentException($"KubeSim holds at most {MaxCharts} simulated charts", nameof(chart));
            }
            _charts.Add(loaded);
        }
    }

    /// <summary>The registered versions of a chart, oldest registration first (empty when KubeSim has no such chart).</summary>
    public IReadOnlyList<LoadedChart> Versions(string repository, string name)
    {
        var key = Normalize(repository);
        lock (_lock)
        {
            return _charts.Where(c => c.Matches(key, name)).ToList();
        }
    }

    public static string Normalize(string repository) => repository.Trim().TrimEnd('/');

    private static LoadedChart Load(SimulatedChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        foreach (var (value, field) in new[] { (chart.Repository, "Repository"), (chart.Name, "Name"), (chart.Version, "Version") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"simulated chart: {field} is empty", nameof(chart));
            }
        }
        var where = $"simulated chart {chart.Name}@{chart.Version} of {chart.Repository}";
        if ((chart.Manifests ?? string.Empty).Length > MaxManifestChars)
        {
            throw new ArgumentException($"{where}: manifests are longer than {MaxManifestChars} characters", nameof(chart));
        }
        List<JsonNode> documents;
        try
        {
            documents = YamlJson.ParseAll(chart.Manifests ?? string.Empty, MaxObjectsPerChart);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"{where}: {ex.Message}", nameof(chart), ex);
        }
        var objects = new List<byte[]>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i] is not JsonObject obj || obj.Str("apiVersion") is not { Length: > 0 } || obj.Str("kind") is not { Length: > 0 }
                || obj.Name() is not { Length: > 0 })
            {
                throw new ArgumentException($"{where}: document {i + 1} is not an object with apiVersion, kind and metadata.name", nameof(chart));
            }
            objects.Add(JsonUtil.ToBytes(obj));
        }
        return new LoadedChart(chart, Normalize(chart.Repository), objects);
    }
}

/// <summary>A registered chart and its objects (compact JSON, parsed afresh for each install).</summary>
internal sealed record LoadedChart(SimulatedChart Chart, string Repository, IReadOnlyList<byte[]> Objects)
{
    public List<JsonObject> Render() => Objects.Select(o => JsonUtil.ParseObject(o)).ToList();

    public bool Matches(string repository, string name) =>
        string.Equals(Repository, repository, StringComparison.Ordinal) && string.Equals(Chart.Name, name, StringComparison.Ordinal);
}
