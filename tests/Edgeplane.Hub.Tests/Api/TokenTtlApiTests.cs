using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Api;

/// <summary>The <c>ttl</c> of <c>POST /api/v1/clusters/{name}/tokens</c>: the one duration grammar, the token service's bounds.</summary>
public sealed class TokenTtlApiTests
{
    [Theory]
    [InlineData("1h30m", 90)]
    [InlineData("2d", 2 * 24 * 60)]
    [InlineData("90000ms", 1.5)]
    public async Task CreateToken_TtlInTheGrammar_ExpiresThatMuchLater(string ttl, double minutes)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var now = scenario.Host.Time.GetUtcNow().UtcDateTime;

        using var response = await scenario.Host.Client.PostAsJsonAsync("/api/v1/clusters/edge-site-1/tokens", new CreateTokenRequest(ttl));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<BootstrapTokenResponse>())!;
        Assert.Equal(TimeSpan.FromMinutes(minutes), token.ExpiresAt - now);
    }

    [Theory]
    [InlineData("01:00:00", "ttl: '01:00:00' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("1 hour", "ttl: '1 hour' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("30s", "token TTL 00:00:30 is out of range; it must be between 00:01:00 and 7.00:00:00")]
    [InlineData("400d", "token TTL 400.00:00:00 is out of range; it must be between 00:01:00 and 7.00:00:00")]
    public async Task CreateToken_BadTtl_Returns400AndCreatesNoToken(string ttl, string detail)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Client.PostAsJsonAsync("/api/v1/clusters/edge-site-1/tokens", new CreateTokenRequest(ttl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        var audit = await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit");
        Assert.DoesNotContain(audit.Items, a => a.Action == "cluster.token.create" && a.Outcome == "Succeeded");
    }
}
