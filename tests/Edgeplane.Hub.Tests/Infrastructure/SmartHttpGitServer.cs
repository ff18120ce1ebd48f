using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>
/// A Git server speaking Git's smart HTTP protocol (read side) on Kestrel port 0, behind HTTP Basic authentication:
/// <c>GET /fleet.git/info/refs?service=git-upload-pack</c> and <c>POST /fleet.git/git-upload-pack</c>, answered by the
/// real <c>git upload-pack --stateless-rpc</c> over <see cref="RepoPath"/>. Records every Authorization header it saw.
/// </summary>
internal sealed class SmartHttpGitServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SmartHttpGitServer(WebApplication app, string repoPath)
    {
        _app = app;
        RepoPath = repoPath;
    }

    public string RepoPath { get; }

    /// <summary>Every Authorization header received, decoded (<c>user:password</c>), or "" for a request without one.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>The repo's URL without credentials, e.g. <c>http://127.0.0.1:PORT/fleet.git</c>.</summary>
    public string Url => _app.Urls.First() + "/fleet.git";

    /// <summary>The URL with <paramref name="user"/> and <paramref name="password"/> in its user information.</summary>
    public string UrlWith(string user, string password) => Url.Replace("http://", $"http://{user}:{password}@", StringComparison.Ordinal);

    public static async Task<SmartHttpGitServer> StartAsync(string repoPath, string user, string password)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new SmartHttpGitServer(app, repoPath);
        var expected = $"{user}:{password}";
        app.Use(async (context, next) =>
        {
            var seen = Decode(context.Request.Headers.Authorization.ToString());
            server.Authorizations.Enqueue(seen);
            if (seen != expected)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"fleet\"";
                return;
            }
            await next(context);
        });
        app.MapGet("/fleet.git/info/refs", server.AdvertiseAsync);
        app.MapPost("/fleet.git/git-upload-pack", server.UploadPackAsync);
        await app.StartAsync();
        return server;
    }

    private async Task AdvertiseAsync(HttpContext context)
    {
        if (context.Request.Query["service"] != "git-upload-pack")
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        context.Response.ContentType = "application/x-git-upload-pack-advertisement";
        const string header = "# service=git-upload-pack\n";
        await context.Response.WriteAsync($"{header.Length + 4:x4}{header}0000");
        await RunUploadPackAsync(context, "--advertise-refs", Stream.Null);
    }

    private async Task UploadPackAsync(HttpContext context)
    {
        context.Response.ContentType = "application/x-git-upload-pack-result";
        await RunUploadPackAsync(context, null, context.Request.Body);
    }

    private async Task RunUploadPackAsync(HttpContext context, string? flag, Stream input)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "upload-pack", "--stateless-rpc", flag, RepoPath }.OfType<string>())
        {
            start.ArgumentList.Add(arg);
        }
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var stderr = git.StandardError.ReadToEndAsync(context.RequestAborted);
        await input.CopyToAsync(git.StandardInput.BaseStream, context.RequestAborted);
        git.StandardInput.Close();
        await git.StandardOutput.BaseStream.CopyToAsync(context.Response.Body, context.RequestAborted);
        await git.WaitForExitAsync(context.RequestAborted);
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git upload-pack failed ({git.ExitCode}): {await stderr}");
        }
    }

    private static string Decode(string header) =>
        header.StartsWith("Basic ", StringComparison.Ordinal) ? Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])) : "";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
