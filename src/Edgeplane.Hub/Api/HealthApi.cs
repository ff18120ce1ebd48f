using Edgeplane.Hub.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (store migrated, first fetch done); no token needed.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok\n")).WithTags("Health").AllowAnonymous();
        app.MapGet("/readyz", Ready).WithTags("Health").AllowAnonymous();
        return app;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Ready(HubReadiness readiness) =>
        readiness.IsReady
            ? TypedResults.Text("ready\n")
            : TypedResults.Problem(
                detail: $"not ready: store migrated={readiness.StoreReady}, first fetch done={readiness.FirstFetchDone}",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable");
}
