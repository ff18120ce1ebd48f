using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Events;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary>
/// <c>GET /api/v1/events</c>: what changed, as server-sent events, for live views (the dashboard). Authorised and scoped
/// like the API: a workspace-scoped caller hears only of the clusters and rollouts it may read. Names, never data: the
/// client re-reads through the REST API. The stream ends after <see cref="MaxStreamDuration"/> (the client reconnects, and
/// its token is checked again).
/// </summary>
internal static class EventsApi
{
    /// <summary>A comment line this often keeps proxies from closing a quiet stream.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>A stream's longest life; a revoked token stops hearing at the latest then.</summary>
    public static readonly TimeSpan MaxStreamDuration = TimeSpan.FromMinutes(10);

    /// <summary>Names sent in one event at most; more becomes a <c>reset</c> (re-read everything).</summary>
    public const int MaxNamesPerEvent = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", StreamAsync).WithName("StreamEvents").WithTags("Events").RequireAuthorization(HubPolicies.Read)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return api;
    }

    private static async Task StreamAsync(HttpContext context, ClaimsPrincipal user, FleetEvents events, IWorkspaceStore workspaces,
        HubOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        using var subscription = events.Subscribe();
        if (subscription is null)
        {
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable",
                detail: $"{FleetEvents.MaxSubscribers} event streams are open already (the limit); try again later").ExecuteAsync(context)
                .ConfigureAwait(false);
            return;
        }
        var scope = CallerScope.Of(user).Narrowing;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lifetime.CancelAfter(MaxStreamDuration);
        var stop = lifetime.Token;
        try
        {
            await WriteAsync(response, "hello", new { }, stop).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                var signalled = subscription.WaitAsync(stop);
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var keepAlive = Task.Delay(KeepAlive, time, quiet.Token);
                var first = await Task.WhenAny(signalled, keepAlive).ConfigureAwait(false);
                await quiet.CancelAsync().ConfigureAwait(false);
                if (first != signalled)
                {
                    await response.WriteAsync(": keep-alive\n\n", stop).ConfigureAwait(false);
                    await response.Body.FlushAsync(stop).ConfigureAwait(false);
                    continue;
                }
                await signalled.ConfigureAwait(false);
                if (options.EventCoalesce > TimeSpan.Zero)
                {
                    await Task.Delay(options.EventCoalesce, time, stop).ConfigureAwait(false);
                }
                await SendAsync(response, subscription.Take(), scope, workspaces, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the client went away, or the stream reached its end of life
        }
    }

    private static async Task SendAsync(HttpResponse response, FleetChanges changes, IReadOnlyList<string>? scope, IWorkspaceStore workspaces,
        CancellationToken cancellationToken)
    {
        if (changes.Reset)
        {
            await WriteAsync(response, "reset", new { }, cancellationToken).ConfigureAwait(false);
            return;
        }
        var clusters = changes.Clusters.AsEnumerable();
        var rollouts = changes.Rollouts.AsEnumerable();
        if (scope is not null)
        {
            var visible = await workspaces.ClustersOfAsync(scope, cancellationToken).ConfigureAwait(false);
            clusters = clusters.Where(visible.Contains);
            var touching = new List<long>();
            foreach (var id in changes.Rollouts)
            {
                if (await workspaces.RolloutTouchesAsync(id, scope, cancellationToken).ConfigureAwait(false))
                {
                    touching.Add(id);
                }
            }
            rollouts = touching;
        }
        var names = clusters.Order(StringComparer.Ordinal).ToList();
        if (names.Count > MaxNamesPerEvent || changes.Revisions.Count > MaxNamesPerEvent || changes.Rollouts.Count > MaxNamesPerEvent)
        {
            await WriteAsync(response, "reset", new { }, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (names.Count > 0)
        {
            await WriteAsync(response, "clusters", new { names }, cancellationToken).ConfigureAwait(false);
        }
        if (changes.Revisions.Count > 0)
        {
            await WriteAsync(response, "revisions", new { shas = changes.Revisions.Order(StringComparer.Ordinal) }, cancellationToken).ConfigureAwait(false);
        }
        var ids = rollouts.Order().ToList();
        if (ids.Count > 0)
        {
            await WriteAsync(response, "rollouts", new { ids }, cancellationToken).ConfigureAwait(false);
        }
        if (changes.Audit)
        {
            await WriteAsync(response, "audit", new { }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(HttpResponse response, string name, object data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append("event: ").Append(name).Append("\ndata: ").Append(JsonSerializer.Serialize(data, Json)).Append("\n\n");
        await response.WriteAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
