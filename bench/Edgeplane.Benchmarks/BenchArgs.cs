using System.Globalization;

namespace Edgeplane.Benchmarks;

/// <summary>Tiny <c>--name value</c> parser shared by the suites.</summary>
public sealed class BenchArgs(string[] args)
{
    public string? Get(string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public int Int(string name, int fallback) => Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The repo root (the directory holding Edgeplane.slnx), searched upwards from the working directory.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Edgeplane.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run from inside the Edgeplane repo");
    }
}
