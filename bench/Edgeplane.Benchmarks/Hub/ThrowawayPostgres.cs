using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Edgeplane.Benchmarks.Hub;

/// <summary>A PostgreSQL server in a temp folder for one benchmark run (as root it runs as user postgres).</summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asRoot = Environment.UserName == "root";

    private ThrowawayPostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public string AdminConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = new[] { "/usr/local/bin" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : [])
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL binaries (initdb, pg_ctl) not found; install postgresql or pass --stores sqlite");
        var root = Path.Combine(Path.GetTempPath(), "edgeplane-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new ThrowawayPostgres(bin, root, port);
        if (server._asRoot)
        {
            await RunAsync("chown", $"postgres {root}", false);
        }
        await server.ToolAsync("initdb", $"-D {root}/data -U postgres -A trust --no-locale --no-sync");
        // Durable settings (fsync on) so the numbers mean what a real server would do.
        await server.ToolAsync("pg_ctl", $"-D {root}/data -l {root}/log -w -o \"-c listen_addresses=127.0.0.1 -p {port} -k {root}\" start");
        return server;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private Task ToolAsync(string tool, string arguments) =>
        _asRoot ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_bin, tool)} {arguments}", true) : RunAsync(Path.Combine(_bin, tool), arguments, true);

    private static async Task RunAsync(string file, string arguments, bool check)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: {await error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ToolAsync("pg_ctl", $"-D {_root}/data -m fast stop");
        Directory.Delete(_root, recursive: true);
    }
}
