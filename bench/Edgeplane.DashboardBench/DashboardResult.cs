namespace Edgeplane.DashboardBench;

/// <summary>
/// One overview load in a fresh browser context: from navigation start to rendered by the page's own clock
/// (performance.now(), whose origin is the navigation start), and from Playwright's goto to rendered by this process's clock;
/// when the last REST response had arrived (page clock) and how many REST requests the load made.
/// </summary>
internal sealed record OverviewLoad(int Load, double NavigationToRenderedMs, double GotoToRenderedMs, double LastApiResponseMs, int ApiRequests)
{
    /// <summary>When the last JavaScript module had arrived (ms since navigation start).</summary>
    public double ScriptsDoneMs { get; init; }

    /// <summary>Each REST request as <c>path start→end</c> (ms since navigation start), in the order they started.</summary>
    public string Timeline { get; init; } = "";
}

/// <summary>Everything one run measured.</summary>
internal sealed record DashboardResult(
    string Commit,
    DateTime Date,
    string Machine,
    DashboardSettings Settings,
    int Clusters,
    double ConnectSeconds,
    string Browser,
    IReadOnlyList<OverviewLoad> Loads,
    Percentiles NavigationToRendered,
    Percentiles GotoToRendered,
    Percentiles StatusToPage,
    string LoadAverageStart,
    string LoadAverageEnd);
