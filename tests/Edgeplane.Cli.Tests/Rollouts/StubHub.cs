using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary>
/// A fake hub over real HTTP (Kestrel, port 0) that answers canned JSON per "METHOD /path?query", for the CLI's output
/// formatting. Routes with several answers give them in turn and repeat the last (a rollout that changes between
/// polls). Unknown routes answer a 404 problem naming the route. Every request is recorded.
/// </summary>
internal sealed class StubHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _routes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private StubHub(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public string[] Connection => ["--hub", Url, "--token", "ep_stub_token"];

    /// <summary>"METHOD /path?query" of every request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The body of every request that had one, with its "METHOD /path?query", in order.</summary>
    public ConcurrentQueue<(string Route, string Body)> Bodies { get; } = new();

    public static async Task<StubHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new StubHub(app);
        app.Run(stub.AnswerAsync);
        await app.StartAsync();
        return stub;
    }

    /// <summary>Answers <paramref name="route"/> ("GET /api/v1/rollouts/7") with each body in turn, then the last again.</summary>
    public void On(string route, params string[] bodies) => On(route, 200, bodies);

    public void On(string route, int status, params string[] bodies) =>
        _routes[route] = new ConcurrentQueue<(int, string)>(bodies.Select(b => (status, b)));

    /// <summary>Answers <paramref name="route"/> with each (status, body) in turn, then the last again.</summary>
    public void On(string route, params (int Status, string Body)[] answers) => _routes[route] = new ConcurrentQueue<(int, string)>(answers);

    private async Task AnswerAsync(HttpContext context)
    {
        var route = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
        Requests.Enqueue(route);
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            Bodies.Enqueue((route, await reader.ReadToEndAsync()));
        }
        var (status, body) = Next(route);
        context.Response.StatusCode = status;
        context.Response.ContentType = status < 400 ? "application/json" : "application/problem+json";
        await context.Response.WriteAsync(body);
    }

    private (int Status, string Body) Next(string route)
    {
        if (!_routes.TryGetValue(route, out var answers))
        {
            return (404, RolloutSamples.Problem(404, $"no stub for {route}"));
        }
        if (answers.Count > 1 && answers.TryDequeue(out var next))
        {
            return next;
        }
        return answers.TryPeek(out var last) ? last : (500, RolloutSamples.Problem(500, "empty stub"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
