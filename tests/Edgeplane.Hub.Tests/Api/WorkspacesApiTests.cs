using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Tests.Auth;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Api;

/// <summary><c>GET /api/v1/workspaces</c>, <c>/workspaces/{name}</c> and <c>/whoami</c>: the directory, scoped like the rest of the API.</summary>
public sealed class WorkspacesApiTests
{
    [Fact]
    public async Task FleetAdmin_SeesEveryWorkspace_WithMembersNamespacesClustersAndPlacedApplications()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());

        var page = await scenario.Host.GetAsync<PageResponse<WorkspaceResponse>>("/api/v1/workspaces");

        Assert.Equal(["core", "ran"], page.Items.Select(w => w.Name));
        var ran = page.Items.Single(w => w.Name == "ran");
        Assert.Equal(scenario.InitialSha, ran.Revision);
        Assert.Equal(["ran-du"], ran.Namespaces);
        Assert.Equal(["edge-site-1"], ran.Clusters);
        Assert.Equal(new WorkspaceMemberResponse("group:ran-ops", "admin"), ran.Members[0]);
        Assert.Equal(3, ran.Members.Count);
        Assert.Equal([new WorkloadResponse("Application", "du-app", "ran-du", ["edge-site-1"]), new WorkloadResponse("NetworkFunction", "upf", "ran-du", [])],
            ran.Applications, new WorkloadComparer());
    }

    [Fact]
    public async Task WorkspaceMember_SeesOnlyItsWorkspace_AnotherIs404()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var member = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceMember, "ran");

        var list = await ReadAsync<PageResponse<WorkspaceResponse>>(scenario, member, "/api/v1/workspaces");
        using var other = await Callers.SendAsync(scenario.Host, member, "GET", "/api/v1/workspaces/core");
        var own = await ReadAsync<WorkspaceResponse>(scenario, member, "/api/v1/workspaces/ran");

        Assert.Equal(["ran"], list.Items.Select(w => w.Name));
        Assert.DoesNotContain(list.Items.SelectMany(w => w.Applications), a => a.Name == "core-app");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("du-app", own.Applications[0].Name);
    }

    [Fact]
    public async Task UnknownWorkspace_404Problem()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());

        using var response = await scenario.Host.Client.GetAsync("/api/v1/workspaces/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("workspace 'nope' not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fleet-admin", null, true, true)]
    [InlineData("viewer", null, false, false)]
    [InlineData("workspace-admin", "ran", false, true)]
    [InlineData("workspace-member", "ran", false, false)]
    public async Task WhoAmI_NamesTheGrants_AndWhatTheyLetTheCallerChange(string role, string? workspace, bool admin, bool tokens)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var token = await Callers.MintAsync(scenario.Host, role, workspace, subject: "user:who@example.com");

        var me = await ReadAsync<WhoAmIResponse>(scenario, token, "/api/v1/whoami");

        Assert.Equal([new GrantResponse(role, workspace)], me.Grants);
        Assert.Equal(new CallerAbilities(admin, admin, admin, tokens), me.Can);
        Assert.False(string.IsNullOrEmpty(me.Subject));
    }

    [Fact]
    public async Task WhoAmI_WithoutAToken_401()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Anonymous.GetAsync("/api/v1/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<T> ReadAsync<T>(HubScenario scenario, string token, string path)
    {
        using var response = await Callers.SendAsync(scenario.Host, token, "GET", path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(HubHost.Json))!;
    }

    private sealed class WorkloadComparer : IEqualityComparer<WorkloadResponse>
    {
        public bool Equals(WorkloadResponse? x, WorkloadResponse? y) =>
            x is not null && y is not null && (x.Kind, x.Name, x.Namespace) == (y.Kind, y.Name, y.Namespace) && x.Clusters.SequenceEqual(y.Clusters);

        public int GetHashCode(WorkloadResponse obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
