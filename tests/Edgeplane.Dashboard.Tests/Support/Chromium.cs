using Microsoft.Playwright;

namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET, started once for every dashboard test. Playwright's own browser
/// download is never used (no <c>playwright install</c>): the browser must be the distribution's, at
/// <see cref="ExecutablePath"/> (or <c>$EDGEPLANE_CHROMIUM</c>). Without it every test fails saying how to install it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>How long Playwright's expectations wait for the page: a live update crosses agent, hub and browser.</summary>
    public const float ExpectTimeoutMs = 30_000;

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("EDGEPLANE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}: the dashboard tests run in Debian's Chromium. Install it with " +
                "'apt-get update && apt-get install -y chromium' (or point $EDGEPLANE_CHROMIUM at a Chromium binary); never run 'playwright install'.");
        }
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
