using Microsoft.Playwright;

namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>
/// Screenshots are test artifacts under the test output (<c>TestResults/screenshots</c>). With
/// <c>UPDATE_SCREENSHOTS=1</c> the ones the README shows (<c>dashboard-*.png</c>) are copied to <c>docs/images</c> too,
/// so the README always shows the build the tests ran.
/// </summary>
public static class Screenshots
{
    public static string Folder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    public static async Task<string> SaveAsync(IPage page, string name, bool fullPage = true)
    {
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1" && name.StartsWith("dashboard-", StringComparison.Ordinal)
            && RepositoryRoot() is { } root)
        {
            var docs = Directory.CreateDirectory(Path.Combine(root, "docs", "images")).FullName;
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }
        return path;
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Edgeplane.slnx")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
