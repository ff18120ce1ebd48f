using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server per test run (started on first use, stopped at process exit); every caller gets a
/// fresh database. As root the server runs as the <c>postgres</c> user via <c>runuser</c>. Missing binaries fail the
/// tests with a clear message, unless <c>EDGEPLANE_SKIP_POSTGRES=1</c> (then the PostgreSQL cases are reported as skipped:
/// <see cref="StoreTheoryAttribute"/>, <see cref="PostgresFactAttribute"/>).
/// </summary>
internal static class PostgresServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    public static bool Skipped => Environment.GetEnvironmentVariable("EDGEPLANE_SKIP_POSTGRES") == "1";

    public const string SkipReason = "PostgreSQL tests are skipped: EDGEPLANE_SKIP_POSTGRES=1";

    /// <summary>A connection string to a new, empty database.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Server.Value;
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found in PATH, /usr/local/bin or /usr/lib/postgresql/*/bin. " +
            "Install PostgreSQL 15 (apt-get install postgresql; .ci/run does) or set EDGEPLANE_SKIP_POSTGRES=1 to skip the PostgreSQL tests.");
        var root = Path.Combine(Path.GetTempPath(), $"edgeplane-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"postgres {root}");
        }
        var port = FreePort();
        await RunAsync(Tool(bin, "initdb", asRoot), $"-D {root}/data -U postgres -A trust --no-locale --no-sync", asRoot);
        await RunAsync(Tool(bin, "pg_ctl", asRoot),
            $"-D {root}/data -l {root}/log -w -o \"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=400\" start", asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, root, asRoot);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static void Stop(string bin, string root, bool asRoot)
    {
        try
        {
            RunAsync(Tool(bin, "pg_ctl", asRoot), $"-D {root}/data -m immediate stop", asRoot).GetAwaiter().GetResult();
            Directory.Delete(root, recursive: true);
        }
        catch (Exception)
        {
            // best effort at exit
        }
    }

    private static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Append("/usr/local/bin")
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static string Tool(string bin, string name, bool asRoot) => Path.Combine(bin, name);

    private static async Task RunAsync(string file, string arguments, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
