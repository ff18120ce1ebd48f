using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary><c>/api/v1/tokens</c>: create (secret once), list (never a secret), revoke (next request), expiry, audit.</summary>
public sealed class TokensApiTests
{
    private const string ViewerBody = """{"subject":"user:viewer@example.com","role":"viewer","ttl":"1h","description":"acceptance"}""";

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_Viewer_SecretOnce_ListedWithoutSecret_ReadsButCannotMint_RevokedAtOnce(StoreKind kind)
    {
        await using var scenario = await HubScenario.StartAsync(kind);
        var host = scenario.Host;
        var now = host.Time.GetUtcNow().UtcDateTime;

        using var create = await Callers.SendAsync(host, scenario.Token, "POST", "/api/v1/tokens", ViewerBody);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = (await create.Content.ReadFromJsonAsync<CreatedApiTokenResponse>(HubHost.Json))!;
        Assert.StartsWith("ep_", created.Token);
        Assert.Equal(("user:viewer@example.com", "viewer", (string?)null, "acceptance", "token:admin"),
            (created.Subject, created.Role, created.Workspace, created.Description, created.CreatedBy));
        Assert.Equal(now.AddHours(1), created.ExpiresAt);

        var listText = await host.Client.GetStringAsync("/api/v1/tokens");
        Assert.Contains("user:viewer@example.com", listText);
        Assert.DoesNotContain(created.Token, listText);
        Assert.DoesNotContain(created.Token[(created.Token.LastIndexOf('_') + 1)..], listText);
        var listed = Assert.Single((await host.GetAsync<PageResponse<ApiTokenResponse>>("/api/v1/tokens")).Items, t => t.Id == created.Id);
        Assert.Equal("active", listed.State);

        using var read = await Callers.SendAsync(host, created.Token, "GET", "/api/v1/clusters");
        using var mint = await Callers.SendAsync(host, created.Token, "POST", "/api/v1/tokens", """{"subject":"user:x@example.com","role":"fleet-admin"}""");
        using var revokeCluster = await Callers.SendAsync(host, created.Token, "POST", "/api/v1/clusters/edge-site-1/revoke");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (read.StatusCode, mint.StatusCode, revokeCluster.StatusCode));

        using var revoke = await host.Client.DeleteAsync($"/api/v1/tokens/{created.Id}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var after = await Callers.SendAsync(host, created.Token, "GET", "/api/v1/clusters");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("unknown or revoked token", (await after.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        var revoked = Assert.Single((await host.GetAsync<PageResponse<ApiTokenResponse>>("/api/v1/tokens")).Items, t => t.Id == created.Id);
        Assert.Equal("revoked", revoked.State);
        Assert.Equal(now, revoked.RevokedAt!.Value, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
    }

    [Fact]
    public async Task CreateAndRevoke_AreAudited_NamingSubjectAndId_ByTheCaller()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        using var create = await Callers.SendAsync(scenario.Host, scenario.Token, "POST", "/api/v1/tokens", ViewerBody);
        var created = (await create.Content.ReadFromJsonAsync<CreatedApiTokenResponse>(HubHost.Json))!;
        using var revoke = await scenario.Host.Client.DeleteAsync($"/api/v1/tokens/{created.Id}");

        var audit = (await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit")).Items;

        var made = Assert.Single(audit, a => a.Action == "token.create" && a.Target == "user:viewer@example.com");
        Assert.Equal(("token:admin", "Succeeded"), (made.Actor, made.Outcome));
        Assert.Contains($"token {created.Id}, role viewer", made.Details);
        var gone = Assert.Single(audit, a => a.Action == "token.revoke");
        Assert.Equal(("token:admin", "user:viewer@example.com"), (gone.Actor, gone.Target));
        Assert.Contains($"token {created.Id}", gone.Details);
        Assert.DoesNotContain(audit, a => a.Details?.Contains(created.Token, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ExpiredToken_401TokenExpired_UntilThenAccepted()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        using var create = await Callers.SendAsync(scenario.Host, scenario.Token, "POST", "/api/v1/tokens",
            """{"subject":"service:ci","role":"viewer","ttl":"30m"}""");
        var created = (await create.Content.ReadFromJsonAsync<CreatedApiTokenResponse>(HubHost.Json))!;

        scenario.Host.Time.Advance(TimeSpan.FromMinutes(29));
        using var before = await Callers.SendAsync(scenario.Host, created.Token, "GET", "/api/v1/fleet");
        scenario.Host.Time.Advance(TimeSpan.FromMinutes(1));
        using var expired = await Callers.SendAsync(scenario.Host, created.Token, "GET", "/api/v1/fleet");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal($"token expired at {created.ExpiresAt:u}; ask an admin for a new one", (await expired.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        var listed = Assert.Single((await scenario.Host.GetAsync<PageResponse<ApiTokenResponse>>("/api/v1/tokens")).Items, t => t.Id == created.Id);
        Assert.Equal("expired", listed.State);
    }

    [Theory]
    [InlineData("{}", "subject is required, e.g. 'user:ana@example.com', 'group:ran-ops' or 'service:ci'")]
    [InlineData("""{"subject":"ana@example.com","role":"viewer"}""", "subject 'ana@example.com' must be 'user:<name>', 'group:<name>' or 'service:<name>'")]
    [InlineData("""{"subject":"user:","role":"viewer"}""", "subject 'user:' must be 'user:<name>', 'group:<name>' or 'service:<name>'")]
    [InlineData("""{"subject":"user:аna@example.com","role":"viewer"}""", "subject 'user:аna@example.com' contains U+0430; only printable ASCII without spaces is allowed")]
    [InlineData("""{"subject":"user:a b","role":"viewer"}""", "subject 'user:a b' contains U+0020; only printable ASCII without spaces is allowed")]
    [InlineData("""{"subject":"user:ana","role":"root"}""", "role 'root' is not one of: fleet-admin, workspace-admin, workspace-member, viewer")]
    [InlineData("""{"subject":"user:ana","role":"workspace-member"}""", "workspace is required for role workspace-member")]
    [InlineData("""{"subject":"user:ana","role":"fleet-admin","workspace":"ran"}""", "workspace: a fleet-admin token holds for the whole fleet; leave workspace out")]
    [InlineData("""{"subject":"user:ana","role":"viewer","workspace":"Ran!"}""", "workspace 'Ran!' is not a valid workspace name: a DNS-1123 label has at most 63 characters: lowercase letters, digits or '-', starting and ending with a letter or digit")]
    [InlineData("""{"subject":"user:ana","role":"viewer","workspace":"nowhere"}""", "workspace: 'nowhere' is not a Workspace of the fleet's last applied revision")]
    [InlineData("""{"subject":"user:ana","role":"viewer","ttl":"1 hour"}""", "ttl: '1 hour' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("""{"subject":"user:ana","role":"viewer","ttl":"366d"}""", "ttl: '366d' is out of range; it must be between 1m and 365d")]
    [InlineData("""{"subject":"user:ana","role":"viewer","ttl":"30s"}""", "ttl: '30s' is out of range; it must be between 1m and 365d")]
    public async Task Create_BadRequest_400NamingTheField_NoTokenMade(string body, string detail)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await Callers.SendAsync(scenario.Host, scenario.Token, "POST", "/api/v1/tokens", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        var tokens = (await scenario.Host.GetAsync<PageResponse<ApiTokenResponse>>("/api/v1/tokens")).Items;
        Assert.Equal("token:admin", Assert.Single(tokens).Subject);
    }

    [Fact]
    public async Task Create_LongSubjectOrDescription_400WithTheLimits()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var subject = "user:" + new string('a', 124);

        using var longSubject = await Callers.SendAsync(scenario.Host, scenario.Token, "POST", "/api/v1/tokens",
            $$"""{"subject":"{{subject}}","role":"viewer"}""");
        using var longDescription = await Callers.SendAsync(scenario.Host, scenario.Token, "POST", "/api/v1/tokens",
            $$"""{"subject":"user:ana","role":"viewer","description":"{{new string('d', 257)}}"}""");

        Assert.Equal("subject is 129 characters long; at most 128 are allowed", (await longSubject.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal("description is 257 characters long; at most 256 are allowed", (await longDescription.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task Create_NoTtl_HubDefault30Days()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await Callers.SendAsync(scenario.Host, scenario.Token, "POST", "/api/v1/tokens", """{"subject":"group:ops","role":"viewer"}""");

        var created = (await response.Content.ReadFromJsonAsync<CreatedApiTokenResponse>(HubHost.Json))!;
        Assert.Equal(scenario.Host.Time.GetUtcNow().UtcDateTime.AddDays(30), created.ExpiresAt);
    }

    [Fact]
    public async Task Revoke_Unknown_404_NothingAudited()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Client.DeleteAsync("/api/v1/tokens/deadbeef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("token 'deadbeef' not found", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        var audit = (await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit")).Items;
        Assert.DoesNotContain(audit, a => a.Action == "token.revoke");
    }
}
