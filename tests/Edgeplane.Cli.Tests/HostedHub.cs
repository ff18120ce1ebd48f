using Microsoft.AspNetCore.Builder;

namespace Edgeplane.Cli.Tests;

/// <summary>What every in-process hub of these tests does when it is done.</summary>
internal static class HostedHub
{
    /// <summary>Stops and disposes <paramref name="app"/>, releases SQLite's pooled file handles and deletes <paramref name="root"/>.</summary>
    public static async Task StopAsync(WebApplication app, string root)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the closing host; the temp folder is cleaned by the OS
        }
    }
}
