using System.Diagnostics;
using System.Text.Json;
using Edgeplane.Benchmarks.Gateway;
using Microsoft.Playwright;

namespace Edgeplane.DashboardBench;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium or $EDGEPLANE_CHROMIUM, headless, the dashboard tests' launch arguments) driven
/// by Playwright for .NET; never Playwright's own browser download.
/// </summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>
    /// The overview has rendered with every count: the view's h1 is there, no loading note is left, the layer table's
    /// total and the health map both count every cluster. Returns performance.now() (ms since navigation start), and when
    /// the last REST response (not the event stream) had arrived, by Resource Timing on the same clock.
    /// </summary>
    private const string Rendered = """
        n => {
          const view = document.querySelector('#view');
          if (!view || !view.querySelector('h1') || view.querySelector('.loading')) return false;
          const total = document.querySelector('#layers tfoot td[data-count="clusters"]');
          if (!total || Number(total.textContent.replace(/\D/g, '')) !== n) return false;
          if (document.querySelectorAll('.map a.cell').length !== n) return false;
          const api = performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/') && !e.name.includes('/api/v1/events'));
          const scripts = performance.getEntriesByType('resource').filter(e => e.name.endsWith('.js'));
          const timeline = [...api].sort((a, b) => a.startTime - b.startTime).map(e =>
            `${new URL(e.name).pathname.replace('/api/v1', '')} ${Math.round(e.startTime)}→${Math.round(e.responseEnd)}`);
          return { rendered: performance.now(), apiDone: Math.max(0, ...api.map(e => e.responseEnd)), requests: api.length,
            scriptsDone: Math.max(0, ...scripts.map(e => e.responseEnd)), timeline: timeline.join(', ') };
        }
        """;

    /// <summary>The open overview shows the cluster as unhealthy, in its health-map square and in the total's count.</summary>
    private const string ShowsUnhealthy = """
        ([name, n]) => {
          const cell = document.querySelector(`.map a.cell[href="/clusters/${name}"]`);
          const total = document.querySelector('#layers tfoot td[data-count="unhealthy"]');
          return Boolean(cell && cell.classList.contains('st-unhealthy') && total && Number(total.textContent.replace(/\D/g, '')) === n);
        }
        """;

    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _hub;
    private readonly string _token;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, Uri hub, string token) =>
        (_playwright, _browser, _hub, _token) = (playwright, browser, hub, token);

    public string Version => _browser.Version;

    public static async Task<DashboardBrowser> StartAsync(Uri hub, string token)
    {
        var chromium = Environment.GetEnvironmentVariable("EDGEPLANE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not installed at {chromium}: apt-get install -y chromium (never 'playwright install')");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = Args });
        return new DashboardBrowser(playwright, browser, hub, token);
    }

    /// <summary>Each load in a fresh browser context (empty cache and session), signed in by ?token= as a link would.</summary>
    public async Task<List<OverviewLoad>> MeasureLoadsAsync(int loads, int clusters)
    {
        var result = new List<OverviewLoad>(loads);
        for (var i = 1; i <= loads; i++)
        {
            var (context, page) = await NewPageAsync();
            await using (context)
            {
                var started = Stopwatch.GetTimestamp();
                await page.GotoAsync("/?token=" + Uri.EscapeDataString(_token));
                var rendered = await (await page.WaitForFunctionAsync(Rendered, clusters, Wait())).JsonValueAsync<JsonElement>();
                result.Add(new OverviewLoad(i, rendered.GetProperty("rendered").GetDouble(), Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    rendered.GetProperty("apiDone").GetDouble(), rendered.GetProperty("requests").GetInt32())
                {
                    ScriptsDoneMs = rendered.GetProperty("scriptsDone").GetDouble(),
                    Timeline = rendered.GetProperty("timeline").GetString() ?? "",
                });
            }
        }
        return result;
    }

    /// <summary>
    /// With one overview open, agents of a fixed random sample of distinct sites, one at a time, report a failed object;
    /// latency = the swarm's send (its Stopwatch, CLOCK_MONOTONIC as here) → Playwright's wait on the page returns.
    /// </summary>
    public async Task<List<double>> MeasureChangesAsync(int changes, IReadOnlyList<string> sites, int clusters, SwarmProcess swarm)
    {
        var (context, page) = await NewPageAsync();
        await using (context)
        {
            await page.GotoAsync("/?token=" + Uri.EscapeDataString(_token));
            await page.WaitForFunctionAsync(Rendered, clusters, Wait());
            var unhealthy = int.Parse(
                (await page.Locator("#layers tfoot td[data-count=\"unhealthy\"]").TextContentAsync() ?? "").Where(char.IsAsciiDigit).ToArray(),
                System.Globalization.CultureInfo.InvariantCulture);
            var sample = sites.OrderBy(_ => Random.Shared.Next()).Take(changes).ToList();
            var latencies = new List<double>(changes);
            foreach (var site in sample)
            {
                var sentAt = (await swarm.SendAsync("degrade " + site)).GetProperty("sentAt").GetInt64();
                await page.WaitForFunctionAsync(ShowsUnhealthy, new object[] { site, ++unhealthy }, Wait());
                latencies.Add((Stopwatch.GetTimestamp() - sentAt) * 1000.0 / Stopwatch.Frequency);
            }
            return latencies;
        }
    }

    private static PageWaitForFunctionOptions Wait() => new() { Timeout = (float)Guard.TotalMilliseconds };

    private async Task<(IBrowserContext Context, IPage Page)> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _hub.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        return (context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
