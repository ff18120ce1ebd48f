using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Observability;
using Edgeplane.Hub.Sources.Webhooks;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary>
/// <c>POST /api/v1/webhooks/{github|gitea|gitlab}</c>: a push notification that triggers an immediate fetch.
/// Authenticated by its signature (or GitLab's shared token), not by an API token.
/// </summary>
internal static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        api.MapPost("/webhooks/{provider}", ReceiveAsync).WithName("ReceiveWebhook").WithTags("Webhooks").AllowAnonymous();
        return api;
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> ReceiveAsync(
        string provider, HttpRequest request, WebhookVerifier verifier, HubSignals signals, HubMetrics metrics,
        IAuditStore audit, HubOptions options, CancellationToken cancellationToken)
    {
        if (!WebhookVerifier.Providers.Contains(provider))
        {
            return ApiProblems.NotFound($"unknown webhook provider '{provider}': use github, gitea or gitlab");
        }
        var body = await ReadBodyAsync(request, options.Limits.MaxWebhookBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            metrics.Webhooks.WithLabels(provider, "too_large").Inc();
            return TypedResults.Problem(detail: $"webhook body is larger than {options.Limits.MaxWebhookBytes} bytes",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large");
        }
        var verdict = verifier.Verify(provider, request.Headers, body);
        metrics.Webhooks.WithLabels(provider, verdict.ToString().ToLowerInvariant()).Inc();
        if (verdict != WebhookVerdict.Accepted)
        {
            // Refusals are counted and logged, never written to the store: unauthenticated callers cannot fill the database.
            return ApiProblems.Unauthorized(Refusal(verdict));
        }
        signals.RequestFetch();
        await audit.AppendAsync($"webhook:{provider}", "source.webhook", options.Repo, "Accepted", "fetch triggered", cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Accepted((string?)null);
    }

    private static string Refusal(WebhookVerdict verdict) => verdict switch
    {
        WebhookVerdict.Disabled => "webhooks are disabled: the hub has no webhook secret (--webhook-secret-file)",
        WebhookVerdict.Unsigned => "the webhook is not signed (no X-Hub-Signature-256 / X-Gitea-Signature / X-Gitlab-Token header)",
        WebhookVerdict.BadSignature => "the webhook signature does not match",
        WebhookVerdict.NoDeliveryId => "the webhook has no delivery id (X-GitHub-Delivery / X-Gitea-Delivery / X-Gitlab-Event-UUID)",
        WebhookVerdict.Replayed => "this webhook delivery was already received (replay)",
        _ => "webhook refused",
    };

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
