namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>A throwaway repo directory for one test, deleted on dispose.</summary>
internal sealed class TempRepo : IDisposable
{
    private readonly string _outer = Directory.CreateTempSubdirectory("ep-kustomize-").FullName;

    public TempRepo(params (string Path, string Content)[] files)
    {
        Root = Directory.CreateDirectory(Path.Combine(_outer, "repo")).FullName;
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }
    }

    /// <summary>The repo root (a "repo" folder inside a temp folder, so tests can place files outside it).</summary>
    public string Root { get; }

    /// <summary>The folder holding the repo, for files that must be outside it.</summary>
    public string Outside => _outer;

    public void Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Dispose() => Directory.Delete(_outer, recursive: true);
}
