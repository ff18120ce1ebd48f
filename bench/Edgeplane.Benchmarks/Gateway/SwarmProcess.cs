using System.Diagnostics;
using System.Text.Json;

namespace Edgeplane.Benchmarks.Gateway;

/// <summary>
/// The agent swarm (bench/Edgeplane.AgentSwarm) in its own process: one command per stdin line, one JSON answer per
/// stdout line; its progress goes to this process's stderr.
/// </summary>
internal sealed class SwarmProcess : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(10);
    private readonly Process _process;

    private SwarmProcess(Process process) => _process = process;

    public static string Dll()
    {
        var dll = Path.Combine(BenchArgs.RepoRoot(), "bench", "Edgeplane.AgentSwarm", "bin", "Release", "net10.0", "Edgeplane.AgentSwarm.dll");
        return File.Exists(dll) ? dll
            : throw new InvalidOperationException($"{dll} is missing; build it first: dotnet build -c Release bench/Edgeplane.AgentSwarm");
    }

    /// <summary>Runs <c>enroll</c> to the end; throws with its output when it fails.</summary>
    public static async Task<string> EnrollAsync(Uri hub, string state, string tokens)
    {
        using var process = Start("enroll", hub, state, "--tokens", tokens);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"swarm enrolment failed ({process.ExitCode}): {output}");
    }

    /// <summary>Starts <c>run</c> and waits for its ready line (every identity loaded).</summary>
    public static async Task<(SwarmProcess Swarm, JsonElement Ready)> StartAsync(Uri hub, string state, string clusters)
    {
        var swarm = new SwarmProcess(Start("run", hub, state, "--clusters", clusters));
        return (swarm, await swarm.ReadAsync());
    }

    public int Id => _process.Id;

    public async Task<JsonElement> SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await ReadAsync();
    }

    private async Task<JsonElement> ReadAsync()
    {
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(Guard)
            ?? throw new InvalidOperationException($"the swarm exited ({(_process.HasExited ? _process.ExitCode : -1)})");
        var answer = JsonDocument.Parse(line).RootElement;
        return answer.TryGetProperty("error", out var error) ? throw new InvalidOperationException("swarm: " + error.GetString()) : answer;
    }

    private static Process Start(string mode, Uri hub, string state, string listFlag, string list)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in (string[])[Dll(), mode, "--hub", hub.ToString(), "--state", state, listFlag, list])
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the swarm");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SendAsync("quit");
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        _process.Dispose();
    }
}
