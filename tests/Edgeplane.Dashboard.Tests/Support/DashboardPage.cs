using Microsoft.Playwright;

namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>
/// One signed-in tab of the dashboard in a browser context of its own (its own sessionStorage, so its own token),
/// recording every console error and uncaught page error for <see cref="AssertNoConsoleErrors"/>.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add($"{message.Text} ({message.Location}) on {page.Url}");
            }
        };
        page.PageError += (_, error) => _errors.Add($"uncaught: {error} on {page.Url}");
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors => _errors;

    /// <summary>Opens a new context without signing in.</summary>
    public static Task<DashboardPage> NewAsync(Chromium chromium, DashboardStack stack, ColorScheme scheme = ColorScheme.Light) =>
        NewAsync(chromium, stack.HubUrl, scheme);

    /// <summary>Opens a new context on the hub at <paramref name="hubUrl"/> without signing in.</summary>
    public static async Task<DashboardPage> NewAsync(Chromium chromium, Uri hubUrl, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = hubUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ColorScheme = scheme,
        });
        return new DashboardPage(context, await context.NewPageAsync());
    }

    /// <summary>Opens <paramref name="path"/> signed in with <paramref name="token"/> (passed once as ?token=, as a link would).</summary>
    public static async Task<DashboardPage> OpenAsync(Chromium chromium, DashboardStack stack, string token, string path = "/",
        ColorScheme scheme = ColorScheme.Light)
    {
        var page = await NewAsync(chromium, stack, scheme);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        await page.Page.GotoAsync($"{path}{separator}token={Uri.EscapeDataString(token)}");
        await page.WaitForViewAsync();
        return page;
    }

    /// <summary>Waits until the view has rendered (its h1 is there and no loading note is left).</summary>
    public async Task WaitForViewAsync()
    {
        await Assertions.Expect(Page.Locator("#view h1")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#view .loading")).ToHaveCountAsync(0);
    }

    /// <summary>Goes to <paramref name="path"/> by loading it (as a bookmark would).</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForViewAsync();
    }

    public Task<string> ScreenshotAsync(string name, bool fullPage = true) => Screenshots.SaveAsync(Page, name, fullPage);

    public void AssertNoConsoleErrors() =>
        Assert.True(_errors.Count == 0, "console errors:\n" + string.Join("\n", _errors));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
