using Edgeplane.Hub.Auth;
using System.Globalization;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Observability;
using Edgeplane.Hub.Sources.Webhooks;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Edgeplane.Hub.Api;

/// <summary>
/// <c>POST /api/v1/webhooks/{github|gitea|gitlab}</c>: a push notification that triggers an immediate fetch.
/// Authenticated by its signature (or GitLab's shared token), not by an API token. In order, each step refusing before
/// the next costs anything: the rate limit (429), the provider (404), the headers (401: disabled, unsigned, malformed
/// signature, wrong GitLab token, no delivery id), the declared length (413), the body streamed through the hashes with a
/// hard cap (413) and a deadline (408), never buffered whole, the signature over the body (401), the replay check (200,
/// nothing done). Only then a fetch and an audit row (202).
/// </summary>
internal static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        // Resolved now so that invalid webhook limits stop the hub at start, not at the first webhook.
        _ = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<WebhookRateLimiter>();
        api.MapPost("/webhooks/{provider}", ReceiveAsync).WithName("ReceiveWebhook").WithTags("Webhooks").AllowAnonymous();
        return api;
    }

    private static async Task<Results<Accepted, Ok<WebhookDuplicateResponse>, ProblemHttpResult>> ReceiveAsync(
        string provider, HttpRequest request, WebhookVerifier verifier, WebhookRateLimiter rateLimit, HubSignals signals,
        HubMetrics metrics, IAuditStore audit, HubOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Precheck(provider, request, verifier, rateLimit, metrics, options.Limits.MaxWebhookBytes) is { } refused)
        {
            return refused;
        }
        WebhookDigests? body;
        using (var deadline = new CancellationTokenSource(options.Limits.WebhookReadTimeout, time))
        using (var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
        {
            try
            {
                body = await verifier.DigestAsync(provider, request.Body, options.Limits.MaxWebhookBytes, reading.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                metrics.Webhooks.WithLabels(provider, "timed_out").Inc();
                return TypedResults.Problem(detail: $"the webhook body was not received within {options.Limits.WebhookReadTimeout.TotalSeconds:0} s",
                    statusCode: StatusCodes.Status408RequestTimeout, title: "Request Timeout");
            }
        }
        if (body is null)
        {
            return TooLarge(provider, metrics, options.Limits.MaxWebhookBytes);
        }
        var verdict = verifier.Verify(provider, request.Headers, body, out var firstSeen);
        metrics.Webhooks.WithLabels(provider, verdict.ToString().ToLowerInvariant()).Inc();
        if (verdict == WebhookVerdict.Replayed)
        {
            return TypedResults.Ok(new WebhookDuplicateResponse("Duplicate",
                $"this webhook delivery (the same signed body) was already received at {firstSeen:u}; ignored", firstSeen));
        }
        if (verdict != WebhookVerdict.Accepted)
        {
            // Refusals are counted and logged, never written to the store: unauthenticated callers cannot fill the database.
            return ApiProblems.Unauthorized(Refusal(verdict));
        }
        signals.RequestFetch();
        await audit.AppendAsync(new AuditActor($"webhook:{provider}", "signature", request.HttpContext.Connection.RemoteIpAddress?.ToString()),
                "source.webhook", options.Repo, "Accepted", "fetch triggered", cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Accepted((string?)null);
    }

    // Everything decided before a byte of the body is read.
    private static ProblemHttpResult? Precheck(
        string provider, HttpRequest request, WebhookVerifier verifier, WebhookRateLimiter rateLimit, HubMetrics metrics, int maxBytes)
    {
        if (rateLimit.Check(request.HttpContext.Connection.RemoteIpAddress) is var (detail, retryAfter))
        {
            metrics.Webhooks.WithLabels(ProviderLabel(provider), "rate_limited").Inc();
            request.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests");
        }
        if (!WebhookVerifier.Providers.Contains(provider))
        {
            return ApiProblems.NotFound($"unknown webhook provider '{provider}': use github, gitea or gitlab");
        }
        if (verifier.CheckHeaders(provider, request.Headers) is { } verdict)
        {
            metrics.Webhooks.WithLabels(provider, verdict.ToString().ToLowerInvariant()).Inc();
            return ApiProblems.Unauthorized(Refusal(verdict));
        }
        return request.ContentLength > maxBytes ? TooLarge(provider, metrics, maxBytes) : null;
    }

    // The label of a request to an unknown provider: the path is the caller's text, metric labels must stay few.
    private static string ProviderLabel(string provider) => WebhookVerifier.Providers.Contains(provider) ? provider : "unknown";

    private static ProblemHttpResult TooLarge(string provider, HubMetrics metrics, int maxBytes)
    {
        metrics.Webhooks.WithLabels(provider, "too_large").Inc();
        return TypedResults.Problem(detail: $"webhook body is larger than {maxBytes} bytes",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large");
    }

    private static string Refusal(WebhookVerdict verdict) => verdict switch
    {
        WebhookVerdict.Disabled => "webhooks are disabled: the hub has no webhook secret (--webhook-secret-file)",
        WebhookVerdict.Unsigned => "the webhook is not signed (no X-Hub-Signature-256 / X-Gitea-Signature / X-Gitlab-Token header)",
        WebhookVerdict.BadSignature => "the webhook signature does not match",
        WebhookVerdict.NoDeliveryId => "the webhook has no delivery id (X-GitHub-Delivery / X-Gitea-Delivery / X-Gitlab-Event-UUID)",
        _ => "webhook refused",
    };
}
