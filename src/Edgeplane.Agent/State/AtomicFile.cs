namespace Edgeplane.Agent.State;

/// <summary>Writes a file so that a crash leaves either the old content or the new, never a torn file.</summary>
internal static class AtomicFile
{
    /// <summary>Writes to <c>path.tmp</c>, flushes it to disk, and renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
