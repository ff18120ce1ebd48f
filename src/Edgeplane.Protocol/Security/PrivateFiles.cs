using System.Globalization;
using System.Runtime.InteropServices;

namespace Edgeplane.Protocol.Security;

/// <summary>
/// Folders and files that hold secrets (the hub's data folder with its CA key, database and Git mirror; the agent's
/// state folder with its key and bundles; credentials files): created for their owner only, and refused when other
/// local users could change or read what they must not. One implementation for hub, agent and CLI.
/// </summary>
public static partial class PrivateFiles
{
    /// <summary>Mode of a private file: read and write for the owner only (0600).</summary>
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Mode of a private folder: the owner only (0700).</summary>
    public const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>Every permission bit of group and others.</summary>
    public const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// From now on every file and folder this process creates is private (umask 077), including those made by native
    /// libraries (SQLite, libgit2) that take no mode. No effect on Windows.
    /// </summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(0b000_111_111);
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> with mode 0700, or takes an existing folder as it is, unless group or others may
    /// write to it (they could swap what the process trusts): then it is refused. An existing folder's mode is never
    /// changed (<c>--data .</c> must not chmod someone's home folder); what the process writes into it is private anyway
    /// (<see cref="RestrictNewFiles"/>). The folder's owner is not checked.
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <param name="what">What it is, for the error (e.g. "hub data folder").</param>
    /// <exception cref="PrivateFileException">Group or others may write to the folder, or it cannot be created or read.</exception>
    public static void PrepareFolder(string path, string what)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
                return;
            }
            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(path, OwnerOnlyDirectory);
                File.SetUnixFileMode(path, OwnerOnlyDirectory); // CreateDirectory applies the umask to the mode it is given
                return;
            }
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOtherWrite) != 0)
            {
                throw new PrivateFileException(
                    $"the {what} '{path}' has mode {Octal(mode)}: group or others may write to it, so they could replace what it holds. " +
                    $"Refusing to use it. Run: chmod 700 '{path}'");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PrivateFileException($"the {what} '{path}' cannot be created or used: {e.Message}", e);
        }
    }

    /// <summary>Refuses a secret file that group or others may read or write (like ssh does for private keys).</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What it is, for the error (e.g. "repo credentials file").</param>
    /// <exception cref="PrivateFileException">Group or others have any permission on the file.</exception>
    public static void RequireOwnerOnly(string path, string what)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            throw new PrivateFileException(
                $"the {what} '{path}' has mode {Octal(File.GetUnixFileMode(path))}; it must be readable by its owner only. " +
                $"Run: chmod 600 '{path}'");
        }
    }

    /// <summary>A Unix mode as the octal digits chmod takes (e.g. <c>0644</c>).</summary>
    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xfff, 8).PadLeft(3, '0');

    /// <summary>Reads a small secret file (a token, a password) after <see cref="RequireOwnerOnly"/>; surrounding whitespace is dropped.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What it is, for errors.</param>
    /// <param name="maxBytes">Largest file accepted.</param>
    /// <exception cref="PrivateFileException">The file is readable by others, larger than <paramref name="maxBytes"/>, or empty.</exception>
    public static string ReadSecret(string path, string what, int maxBytes = 64 * 1024)
    {
        RequireOwnerOnly(path, what);
        var length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new PrivateFileException(string.Create(CultureInfo.InvariantCulture,
                $"the {what} '{path}' is {length} bytes; at most {maxBytes} are read"));
        }
        var text = File.ReadAllText(path).Trim();
        return text.Length > 0 ? text : throw new PrivateFileException($"the {what} '{path}' is empty");
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> so that a crash leaves the old file or the new one, never
    /// half of it: a temporary file beside it, created with <paramref name="mode"/>, flushed to disk, then renamed over it.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="text">Its new content (UTF-8).</param>
    /// <param name="mode">Its mode (default 0600; the umask still applies).</param>
    public static void WriteAtomically(string path, string text, UnixFileMode mode = OwnerOnlyFile)
    {
        var temp = path + ".tmp";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetUmask(uint mask);
}
