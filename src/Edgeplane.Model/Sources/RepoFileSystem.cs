using System.Text;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Model.Sources;

/// <summary>
/// Read-only view of one fleet repo that never reads outside its root: absolute paths, <c>..</c> that climbs out,
/// and symlinks whose target is outside the root are refused. Every read counts against <see cref="LoadLimits"/>.
/// Paths handed out are repo-relative with forward slashes. Safe for concurrent reads.
/// </summary>
public sealed partial class RepoFileSystem
{
    private readonly string _root;
    private int _filesRead;
    private long _bytesRead;

    /// <summary>Opens a repo rooted at <paramref name="root"/>; the root itself may be reached through a symlink.</summary>
    public RepoFileSystem(string root, LoadLimits? limits = null)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"fleet repo folder not found: {root}");
        }
        _root = RealPath(full);
        Limits = limits ?? LoadLimits.Default;
    }

    /// <summary>The real path of the repo root.</summary>
    public string Root => _root;

    /// <summary>The limits every read is checked against.</summary>
    public LoadLimits Limits { get; }

    /// <summary>
    /// Resolves <paramref name="path"/>, written in a file inside the repo, against <paramref name="baseDirectory"/>
    /// (repo-relative). Throws <see cref="RepoPathException"/>, naming <paramref name="referencedAt"/>, if it is
    /// absolute, a URL, or leaves the repo (directly or through a symlink).
    /// </summary>
    public string Resolve(string baseDirectory, string path, SourceLocation referencedAt)
    {
        if (path.Length == 0)
        {
            throw Refuse(referencedAt, "InvalidPath", "empty path");
        }
        if (path.Contains("://", StringComparison.Ordinal) || path.StartsWith("git@", StringComparison.Ordinal))
        {
            throw Refuse(referencedAt, "RemoteNotAllowed", $"remote reference '{path}' is not allowed: everything must be in the fleet repo");
        }
        if (Path.IsPathRooted(path) || path.StartsWith('~'))
        {
            throw Refuse(referencedAt, "PathOutsideRepo", $"absolute path '{path}' is not allowed: use a path relative to the file");
        }
        var full = Path.GetFullPath(Path.Combine(_root, baseDirectory, path));
        if (!IsUnderRoot(full))
        {
            throw Refuse(referencedAt, "PathOutsideRepo", $"path '{path}' leaves the fleet repo");
        }
        CheckSymlinks(full, path, referencedAt);
        return Relative(full);
    }

    /// <summary>True when a repo-relative path names an existing file.</summary>
    public bool FileExists(string relative) => File.Exists(Full(relative));

    /// <summary>True when a repo-relative path names an existing directory.</summary>
    public bool DirectoryExists(string relative) => Directory.Exists(Full(relative));

    /// <summary>Reads a repo-relative file as UTF-8 text, enforcing size, count and total limits.</summary>
    public string ReadText(string relative, SourceLocation? referencedAt = null) =>
        Encoding.UTF8.GetString(StripBom(ReadBytes(relative, referencedAt)));

    /// <summary>
    /// Reads a repo-relative file as raw bytes (for content that need not be text, e.g. ConfigMap files), with the
    /// same sandbox checks and limits as <see cref="ReadText"/>.
    /// </summary>
    public byte[] ReadBytes(string relative, SourceLocation? referencedAt = null)
    {
        var full = Full(relative);
        var at = referencedAt ?? SourceLocation.FileOnly(relative);
        CheckSymlinks(full, relative, at);
        var info = new FileInfo(full);
        if (!info.Exists)
        {
            throw Refuse(at, "FileNotFound", $"file '{relative}' does not exist");
        }
        if (info.Length > Limits.MaxFileBytes)
        {
            throw Refuse(SourceLocation.FileOnly(relative), "LimitExceeded",
                $"file is {info.Length} bytes, more than the limit of {Limits.MaxFileBytes} bytes (MaxFileBytes)");
        }
        Account(relative, info.Length);
        return File.ReadAllBytes(full);
    }

    private static ReadOnlySpan<byte> StripBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(Encoding.UTF8.Preamble.Length) : bytes;

    /// <summary>Repo-relative path for a full path under the root, with forward slashes ("" for the root).</summary>
    public string Relative(string full) => Path.GetRelativePath(_root, full) is "." ? "" : Path.GetRelativePath(_root, full).Replace('\\', '/');

    private string Full(string relative) => Path.GetFullPath(Path.Combine(_root, relative));

    private bool IsUnderRoot(string full) =>
        full == _root || full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private void Account(string relative, long bytes)
    {
        if (Interlocked.Increment(ref _filesRead) > Limits.MaxFiles)
        {
            throw Refuse(SourceLocation.FileOnly(relative), "LimitExceeded", $"the repo has more than {Limits.MaxFiles} files to read (MaxFiles)");
        }
        if (Interlocked.Add(ref _bytesRead, bytes) > Limits.MaxTotalBytes)
        {
            throw Refuse(SourceLocation.FileOnly(relative), "LimitExceeded",
                $"the repo holds more than {Limits.MaxTotalBytes} bytes to read (MaxTotalBytes)");
        }
    }

    private static RepoPathException Refuse(SourceLocation at, string code, string message) => new(new Diagnostic(at, message, code));
}
