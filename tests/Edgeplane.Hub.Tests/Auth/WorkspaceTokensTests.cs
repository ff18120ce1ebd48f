using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>What a workspace-admin may do with tokens (only its workspace's member and viewer tokens), and rotate-admin.</summary>
public sealed class WorkspaceTokensTests
{
    [Fact]
    public async Task WorkspaceAdmin_CreatesMemberTokenOfItsWorkspace_NothingStronger_NothingElsewhere()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var admin = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceAdmin, "ran");

        using var member = await Callers.SendAsync(scenario.Host, admin, "POST", "/api/v1/tokens",
            """{"subject":"user:lena@example.com","role":"workspace-member","workspace":"ran"}""");
        using var fleetAdmin = await Callers.SendAsync(scenario.Host, admin, "POST", "/api/v1/tokens", """{"subject":"user:x","role":"fleet-admin"}""");
        using var wsAdmin = await Callers.SendAsync(scenario.Host, admin, "POST", "/api/v1/tokens",
            """{"subject":"user:x","role":"workspace-admin","workspace":"ran"}""");
        using var fleetViewer = await Callers.SendAsync(scenario.Host, admin, "POST", "/api/v1/tokens", """{"subject":"user:x","role":"viewer"}""");
        using var other = await Callers.SendAsync(scenario.Host, admin, "POST", "/api/v1/tokens",
            """{"subject":"user:x","role":"viewer","workspace":"core"}""");

        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        Assert.Equal("a workspace-admin may create only workspace-member or viewer tokens of its workspace; fleet-admin without a workspace needs a fleet-admin",
            await DetailAsync(fleetAdmin, HttpStatusCode.Forbidden));
        Assert.Equal("a workspace-admin may create only workspace-member or viewer tokens of its workspace; workspace-admin needs a fleet-admin",
            await DetailAsync(wsAdmin, HttpStatusCode.Forbidden));
        Assert.Equal("a workspace-admin may create only workspace-member or viewer tokens of its workspace; viewer without a workspace needs a fleet-admin",
            await DetailAsync(fleetViewer, HttpStatusCode.Forbidden));
        Assert.Equal("you are not a workspace-admin of workspace 'core'", await DetailAsync(other, HttpStatusCode.Forbidden));
        var all = (await scenario.Host.GetAsync<PageResponse<ApiTokenResponse>>("/api/v1/tokens")).Items;
        Assert.Equal(["token:admin", "user:lena@example.com", "user:workspace-admin.ran@example.com"], all.Select(t => t.Subject).Order());
        var adminId = all.Single(t => t.Subject == "user:workspace-admin.ran@example.com").Id;
        using var audit = await Callers.SendAsync(scenario.Host, admin, "GET", "/api/v1/audit?action=token.create");
        var entry = Assert.Single((await audit.Content.ReadFromJsonAsync<PageResponse<AuditEntryResponse>>(HubHost.Json))!.Items,
            a => a.Target == "user:lena@example.com");
        Assert.Equal(("user:workspace-admin.ran@example.com", $"token:{adminId}", "ran", "user:lena@example.com"),
            (entry.Actor, entry.Credential, entry.Workspace, entry.Target));
    }

    [Fact]
    public async Task WorkspaceAdmin_ListsAndRevokesOnlyItsWorkspaceTokens_OthersAre404AndKeepWorking()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var admin = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceAdmin, "ran");
        var ranViewer = await Callers.MintAsync(scenario.Host, HubRoles.Viewer, "ran", "user:olga@example.com");
        var coreViewer = await Callers.MintAsync(scenario.Host, HubRoles.Viewer, "core", "user:carl@example.com");
        var tokens = (await scenario.Host.GetAsync<PageResponse<ApiTokenResponse>>("/api/v1/tokens")).Items;
        var ranId = tokens.Single(t => t.Subject == "user:olga@example.com").Id;
        var coreId = tokens.Single(t => t.Subject == "user:carl@example.com").Id;

        using var list = await Callers.SendAsync(scenario.Host, admin, "GET", "/api/v1/tokens");
        using var revokeOther = await Callers.SendAsync(scenario.Host, admin, "DELETE", $"/api/v1/tokens/{coreId}");
        using var revokeOwn = await Callers.SendAsync(scenario.Host, admin, "DELETE", $"/api/v1/tokens/{ranId}");

        var seen = (await list.Content.ReadFromJsonAsync<PageResponse<ApiTokenResponse>>(HubHost.Json))!.Items;
        Assert.Equal(["user:olga@example.com", "user:workspace-admin.ran@example.com"], seen.Select(t => t.Subject).Order());
        Assert.Equal($"token '{coreId}' not found", await DetailAsync(revokeOther, HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.NoContent, revokeOwn.StatusCode);
        using var coreStill = await Callers.SendAsync(scenario.Host, coreViewer, "GET", "/api/v1/fleet");
        using var ranGone = await Callers.SendAsync(scenario.Host, ranViewer, "GET", "/api/v1/fleet");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (coreStill.StatusCode, ranGone.StatusCode));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RotateAdmin_NewSecretWorks_OldAdminTokenRefused_OtherTokensKept(StoreKind kind)
    {
        await using var scenario = await HubScenario.StartAsync(kind);
        var root = await Callers.MintAsync(scenario.Host, HubRoles.FleetAdmin, subject: "user:root@example.com");
        var oldId = (await scenario.Host.GetAsync<PageResponse<ApiTokenResponse>>("/api/v1/tokens")).Items.Single(t => t.Subject == "token:admin").Id;

        using var rotate = await Callers.SendAsync(scenario.Host, scenario.Token, "POST", "/api/v1/tokens/rotate-admin");

        Assert.Equal(HttpStatusCode.Created, rotate.StatusCode);
        var rotated = (await rotate.Content.ReadFromJsonAsync<CreatedApiTokenResponse>(HubHost.Json))!;
        Assert.Equal(("token:admin", "fleet-admin", (DateTime?)null), (rotated.Subject, rotated.Role, rotated.ExpiresAt));
        Assert.Equal([oldId], rotated.Revoked);
        using var old = await Callers.SendAsync(scenario.Host, scenario.Token, "GET", "/api/v1/fleet");
        using var fresh = await Callers.SendAsync(scenario.Host, rotated.Token, "GET", "/api/v1/tokens");
        using var other = await Callers.SendAsync(scenario.Host, root, "GET", "/api/v1/fleet");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK), (old.StatusCode, fresh.StatusCode, other.StatusCode));
        var audit = await Callers.SendAsync(scenario.Host, rotated.Token, "GET", "/api/v1/audit");
        var entries = (await audit.Content.ReadFromJsonAsync<PageResponse<AuditEntryResponse>>(HubHost.Json))!.Items;
        Assert.Contains(entries, a => a.Action == "token.revoke" && a.Target == "token:admin" && a.Details!.Contains(oldId, StringComparison.Ordinal));
        Assert.Contains(entries, a => a.Action == "token.create" && a.Actor == "token:admin" && a.Details!.Contains(rotated.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RotateAdmin_ByViewerOrWorkspaceAdmin_403_AdminTokenStillWorks()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var viewer = await Callers.MintAsync(scenario.Host, HubRoles.Viewer);
        var wsAdmin = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceAdmin, "ran");

        using var byViewer = await Callers.SendAsync(scenario.Host, viewer, "POST", "/api/v1/tokens/rotate-admin");
        using var byWsAdmin = await Callers.SendAsync(scenario.Host, wsAdmin, "POST", "/api/v1/tokens/rotate-admin");

        Assert.Equal("this token's role may not do this", await DetailAsync(byViewer, HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.Forbidden, byWsAdmin.StatusCode);
        using var admin = await Callers.SendAsync(scenario.Host, scenario.Token, "GET", "/api/v1/tokens");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail;
    }
}
