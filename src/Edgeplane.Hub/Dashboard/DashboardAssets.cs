using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Edgeplane.Hub.Dashboard;

/// <summary>
/// The dashboard's files, embedded in the hub assembly from <c>Dashboard/wwwroot</c> (logical names
/// <c>dashboard/…</c>): read once, each with its media type and a strong ETag (its SHA-256).
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";

    /// <summary>Largest file the hub embeds and serves (a limit, so a mistaken commit of a huge file fails loudly).</summary>
    public const int MaxAssetBytes = 4 * 1024 * 1024;

    private static readonly FrozenDictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".woff2"] = "font/woff2",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, DashboardAsset> _files;

    public DashboardAssets()
        : this(typeof(DashboardAssets).Assembly)
    {
    }

    internal DashboardAssets(Assembly assembly)
    {
        var files = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            if (stream.Length > MaxAssetBytes)
            {
                throw new InvalidOperationException($"dashboard file {path} is {stream.Length} bytes, over the {MaxAssetBytes}-byte limit");
            }
            using var copy = new MemoryStream((int)stream.Length);
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            files[path] = new DashboardAsset(path, bytes, MediaTypeOf(path), $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        }
        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The page every dashboard route answers with; null when the build embedded no dashboard.</summary>
    public DashboardAsset? Index => _files.GetValueOrDefault("index.html");

    /// <summary>The file at <paramref name="path"/> (relative to wwwroot, e.g. <c>assets/app.js</c>), or null.</summary>
    public DashboardAsset? Find(string path) => _files.GetValueOrDefault(path);

    /// <summary>Every embedded path.</summary>
    public IEnumerable<string> Paths => _files.Keys;

    private static string MediaTypeOf(string path) =>
        MediaTypes.GetValueOrDefault(Path.GetExtension(path)) ?? "application/octet-stream";
}

/// <summary>One embedded dashboard file.</summary>
internal sealed record DashboardAsset(string Path, byte[] Content, string MediaType, string ETag);
