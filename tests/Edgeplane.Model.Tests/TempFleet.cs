namespace Edgeplane.Model.Tests;

/// <summary>A private copy of a fixture fleet in a temp directory, for a test to break on purpose.</summary>
public sealed class TempFleet : IDisposable
{
    private readonly string _parent;

    public TempFleet(string fixture = "minimal")
    {
        _parent = Directory.CreateTempSubdirectory("ep-fleet-").FullName;
        Root = Path.Combine(_parent, "repo");
        Copy(Path.Combine(AppContext.BaseDirectory, "testdata", fixture), Root);
    }

    public string Root { get; }

    /// <summary>The directory that holds the repo (outside it), for escape tests.</summary>
    public string Outside => _parent;

    public TempFleet Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public TempFleet Replace(string relative, string from, string to)
    {
        var path = Path.Combine(Root, relative);
        var text = File.ReadAllText(path);
        if (!text.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{from}' is not in {relative}");
        }
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        return this;
    }

    /// <summary>Copies the fixture directory <paramref name="fixture"/> (under testdata) into the repo at <paramref name="relative"/>.</summary>
    public TempFleet Add(string fixture, string relative)
    {
        Copy(Path.Combine(AppContext.BaseDirectory, "testdata", fixture), Path.Combine(Root, relative));
        return this;
    }

    public TempFleet Delete(string relative)
    {
        File.Delete(Path.Combine(Root, relative));
        return this;
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var dir in Directory.GetDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
