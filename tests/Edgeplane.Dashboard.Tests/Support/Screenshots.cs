using Microsoft.Playwright;

namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>
/// Screenshots are test artifacts under the test output (<c>TestResults/screenshots</c>). The README's pictures
/// (<c>dashboard-*.png</c>) are taken only by <see cref="ReadmeAsync"/>, from <c>ReadmeScreenshotsTests</c>, which sets
/// up on a stack of its own the state each picture shows; with <c>UPDATE_SCREENSHOTS=1</c> they are copied to
/// <c>docs/images</c> too, so the README always shows the build the tests ran, whatever order the other tests ran in.
/// </summary>
public static class Screenshots
{
    /// <summary>The prefix of the README's pictures, which only <see cref="ReadmeAsync"/> writes.</summary>
    public const string ReadmePrefix = "dashboard-";

    public static string Folder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    /// <summary>A test artifact; <paramref name="name"/> may not start with <see cref="ReadmePrefix"/>.</summary>
    public static Task<string> SaveAsync(IPage page, string name, bool fullPage = true)
    {
        if (name.StartsWith(ReadmePrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}': the README's pictures ({ReadmePrefix}*) come only from ReadmeScreenshotsTests", nameof(name));
        }
        return ShootAsync(page, name, fullPage);
    }

    /// <summary>One of the README's pictures (<c>dashboard-<paramref name="name"/></c>), copied to docs/images with <c>UPDATE_SCREENSHOTS=1</c>.</summary>
    public static async Task<string> ReadmeAsync(IPage page, string name, bool fullPage = false)
    {
        var path = await ShootAsync(page, ReadmePrefix + name, fullPage);
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root)
        {
            var docs = Directory.CreateDirectory(Path.Combine(root, "docs", "images")).FullName;
            File.Copy(path, Path.Combine(docs, Path.GetFileName(path)), overwrite: true);
        }
        return path;
    }

    private static async Task<string> ShootAsync(IPage page, string name, bool fullPage)
    {
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
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
