using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Edgeplane.Hub.Tests.Api;

public sealed class AuditApiTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ApiMutation_IsAuditedWithSubjectCredentialAndSourceAddress(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var tokenId = scenario.Token.Split('_')[1];

        using var answer = await scenario.Host.Client.PostAsync("/api/v1/revisions/0000000deadbeef/approve", null);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        var entry = Assert.Single((await ListAsync(scenario, "action=revision.approve")).Items);
        Assert.Equal(("token:admin", $"token:{tokenId}", "127.0.0.1", "Failed"), (entry.Actor, entry.Credential, entry.Source, entry.Outcome));
        Assert.Null(entry.Workspace);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Filters_CombineBySubjectWorkspaceActionPrefixTargetAndTime(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var audit = scenario.Host.Service<IAuditStore>();
        var start = scenario.Host.Time.GetUtcNow();
        await audit.AppendAsync(Entry("user:ana@example.com", "rollout.pause", "7", "ran"), default);
        scenario.Host.Time.Advance(TimeSpan.FromHours(2));
        await audit.AppendAsync(Entry("user:ana@example.com", "rollout.resume", "7", "ran"), default);
        await audit.AppendAsync(Entry("user:bo@example.com", "rollout.pause", "8", "analytics"), default);
        await audit.AppendAsync(Entry("user:ana@example.com", "rollouts.custom", "9", null), default);

        Assert.Equal(["rollout.resume", "rollout.pause"], Actions(await ListAsync(scenario, "subject=user:ana@example.com&action=rollout")));
        Assert.Equal(["rollout.pause"], Actions(await ListAsync(scenario, "workspace=analytics")));
        Assert.Equal(["rollout.resume", "rollout.pause"], Actions(await ListAsync(scenario, "target=7")));
        var since = Uri.EscapeDataString((start + TimeSpan.FromHours(1)).ToString("O"));
        Assert.Equal(["rollout.resume"], Actions(await ListAsync(scenario, $"subject=user:ana@example.com&action=rollout&since={since}")));
        var until = Uri.EscapeDataString((start + TimeSpan.FromHours(1)).ToString("O"));
        Assert.Equal(["rollout.pause"], Actions(await ListAsync(scenario, $"subject=user:ana@example.com&until={until}")));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Paging_WalksFilteredEntriesNewestFirstWithoutRepeats(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var audit = scenario.Host.Service<IAuditStore>();
        for (var i = 0; i < 5; i++)
        {
            await audit.AppendAsync(Entry("user:pager@example.com", "test.page", $"{i}", null), default);
        }

        var first = await ListAsync(scenario, "subject=user:pager@example.com&limit=2");
        var second = await ListAsync(scenario, $"subject=user:pager@example.com&limit=2&continue={first.Continue}");
        var third = await ListAsync(scenario, $"subject=user:pager@example.com&limit=2&continue={second.Continue}");

        Assert.Equal(["4", "3", "2", "1", "0"], first.Items.Concat(second.Items).Concat(third.Items).Select(e => e.Target));
        Assert.Null(third.Continue);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadFilter_IsA400NamingTheParameter(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);

        using var badTime = await scenario.Host.Client.GetAsync("/api/v1/audit?since=yesterday");
        using var longSubject = await scenario.Host.Client.GetAsync($"/api/v1/audit?subject={new string('a', 300)}");

        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.Equal("since must be an RFC 3339 time such as 2026-12-07T10:00:00Z, got \"yesterday\"",
            (await badTime.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal(HttpStatusCode.BadRequest, longSubject.StatusCode);
        Assert.Equal("subject must be 1 to 256 characters long, got 300", (await longSubject.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ConfinedReader_SeesOnlyEntriesOfItsWorkspaces(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var audit = scenario.Host.Service<IAuditStore>();
        await audit.AppendAsync(Entry("user:ana@example.com", "token.create", "a", "ran"), default);
        await audit.AppendAsync(Entry("user:bo@example.com", "token.create", "b", "analytics"), default);
        await audit.AppendAsync(Entry("user:cy@example.com", "token.create", "c", null), default);

        var page = await audit.ListAuditAsync(new AuditQuery { Action = "token.create", VisibleWorkspaces = ["ran"] }, 10, null, default);
        var none = await audit.ListAuditAsync(new AuditQuery { Action = "token.create", VisibleWorkspaces = [] }, 10, null, default);

        Assert.Equal(["a"], page.Items.Select(e => e.Target));
        Assert.Empty(none.Items);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Entries_CannotBeChanged_TheStoreRefusesAnUpdate(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        await scenario.Host.Service<IAuditStore>().AppendAsync(Entry("user:ana@example.com", "test.immutable", "x", null), default);
        await using var db = await scenario.Host.Service<IDbContextFactory<Edgeplane.Hub.Store.HubDbContext>>().CreateDbContextAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Outcome\" = 'Forged'"));

        Assert.Contains("audit_log is append-only", error.Message, StringComparison.Ordinal);
        var entry = Assert.Single((await ListAsync(scenario, "action=test.immutable")).Items);
        Assert.Equal("Succeeded", entry.Outcome);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Pruner_DeletesPastTheRetentionAndBeyondTheCap_InBatches_AndSaysSo(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var audit = scenario.Host.Service<IAuditStore>();
        for (var i = 0; i < 3; i++)
        {
            await audit.AppendAsync(Entry("user:old@example.com", "test.old", $"{i}", null), default);
        }
        scenario.Host.Time.Advance(TimeSpan.FromDays(31));
        await audit.AppendAsync(Entry("user:new@example.com", "test.new", "kept", null), default);
        var options = scenario.Options with { Audit = new AuditOptions { Retention = TimeSpan.FromDays(30), PruneBatch = 2 } };
        var pruner = new AuditPruner(options, audit, scenario.Host.Service<HubReadiness>(), scenario.Host.Time,
            scenario.Host.App.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AuditPruner>>());

        var deleted = await pruner.PruneOnceAsync(default);

        Assert.True(deleted >= 3, $"deleted {deleted}");
        Assert.Empty((await ListAsync(scenario, "action=test.old")).Items);
        Assert.Single((await ListAsync(scenario, "action=test.new")).Items);
        var note = Assert.Single((await ListAsync(scenario, "action=audit.prune")).Items);
        Assert.StartsWith($"{deleted} entries older than", note.Details, StringComparison.Ordinal);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Prune_KeepsOnlyTheNewestWhenOverTheCap(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var audit = scenario.Host.Service<IAuditStore>();
        for (var i = 0; i < 6; i++)
        {
            await audit.AppendAsync(Entry("user:cap@example.com", "test.cap", $"{i}", null), default);
        }
        var total = (await audit.ListAuditAsync(new AuditQuery(), 1000, null, default)).Items.Count;

        var deleted = await audit.PruneAsync(DateTime.MinValue, 4, 1000, default);

        Assert.Equal(total - 4, deleted);
        Assert.Equal(["5", "4", "3", "2"], (await ListAsync(scenario, "action=test.cap")).Items.Select(e => e.Target));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ForbiddenChange_IsAuditedAsDenied_AndNothingIsDone(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var (token, record) = Edgeplane.Hub.Auth.ApiTokens.Create("auditor", Edgeplane.Hub.Auth.HubRoles.Viewer, scenario.Host.Time.GetUtcNow().UtcDateTime);
        await scenario.Host.Service<ITokenStore>().AddTokenAsync(record, default);
        using var viewer = new HttpClient { BaseAddress = scenario.Host.BaseAddress };
        viewer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var approve = await viewer.PostAsync("/api/v1/revisions/0000000deadbeef/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        var entry = Assert.Single((await ListAsync(scenario, "action=api.denied")).Items);
        Assert.Equal(("POST /api/v1/revisions/0000000deadbeef/approve", "Denied", $"token:{record.Id}"), (entry.Target, entry.Outcome, entry.Credential));
        Assert.Empty((await ListAsync(scenario, "action=revision.approve")).Items);
    }

    [Fact]
    public void Options_OutOfBounds_AreRefusedNamingTheFlag()
    {
        var error = Assert.Throws<ArgumentException>(() => new AuditOptions { Retention = TimeSpan.FromHours(1) }.Validate());
        var cap = Assert.Throws<ArgumentException>(() => new AuditOptions { MaxKept = 10 }.Validate());

        Assert.Contains("--audit-retention", error.Message, StringComparison.Ordinal);
        Assert.Contains("--audit-max-entries", cap.Message, StringComparison.Ordinal);
    }

    private static StoreRows.AuditData Entry(string subject, string action, string target, string? workspace) =>
        StoreRows.Audit(new AuditActor(subject, "token:test", "10.0.0.9"), action, target, "Succeeded", null) with { Workspace = workspace };

    private static Task<PageResponse<AuditEntryResponse>> ListAsync(HubScenario scenario, string query) =>
        scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>($"/api/v1/audit?{query}");

    private static string[] Actions(PageResponse<AuditEntryResponse> page) => [.. page.Items.Select(e => e.Action)];
}
