using System.Text.Json;
using System.Text.Json.Serialization;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary>
/// Rollouts built from the hub's own contract records and serialized as the hub serializes them (web defaults, enums as
/// strings, ASP.NET Core's relaxed escaping), so the canned answers of <see cref="StubHub"/> carry exactly the fields the real API sends.
/// </summary>
internal static class RolloutSamples
{
    public const string Sha = "3f2a9c1d0e4b5a69788776655443322110aabbcc";

    public static readonly DateTime Created = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions HubJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // as ASP.NET Core writes it
    };

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, HubJson);

    public static string Page(params RolloutResponse[] items) => Json(new PageResponse<RolloutResponse>(items, null));

    public static string Problem(int status, string detail) => Json(new
    {
        type = "https://tools.ietf.org/html/rfc9110",
        title = status switch { 404 => "Not Found", 409 => "Conflict", _ => "Error" },
        status,
        detail,
    });

    /// <summary>Canary passed; edge-first soaks with one member skipped offline; edge waits its turn.</summary>
    public static RolloutResponse Soaking(long id = 7, RolloutState state = RolloutState.Progressing) => new(
        id, Sha, "default", state, null, ["istio 1.23.2 → 1.23.3"], "edge-first", [], Created, Created.AddSeconds(2), null,
        [
            Wave("canary", "Succeeded", 1, TimeSpan.FromHours(1), Created.AddSeconds(2), Created.AddHours(1).AddMinutes(5),
                Member("edge-iad-01", "Healthy"), Member("edge-muc-01", "Healthy")),
            Wave("edge-first", "Soaking", 2, TimeSpan.FromMinutes(15), Created.AddHours(1).AddMinutes(5), null,
                Member("edge-ber-01", "Healthy"), Member("edge-cdg-01", "Healthy"), Member("edge-fra-01", "Skipped", "offline (offline: skip)")) with
            {
                SoakUntil = Created.AddHours(1).AddMinutes(25),
            },
            Wave("edge", "Pending", 3, TimeSpan.FromMinutes(15), null, null, Member("edge-lhr-01", "Waiting"), Member("edge-mad-01", "Waiting")),
        ]);

    /// <summary>The canary failed its gate: both canaries rolled back, later waves cancelled.</summary>
    public static RolloutResponse RolledBack(long id = 8) => new(
        id, Sha, "default", RolloutState.RolledBack,
        "wave canary: gate bundles-healthy: edge-iad-01 not healthy within 5m of being moved (Progressing)",
        ["istio 1.23.3 → 1.99.0"], null, ["edge-iad-01"], Created, Created.AddSeconds(1), Created.AddMinutes(6),
        [
            Wave("canary", "Failed", 2, TimeSpan.FromMinutes(1), Created.AddSeconds(1), Created.AddMinutes(6),
                Member("edge-iad-01", "RolledBack", "not healthy within 5m of being moved (Progressing)"),
                Member("edge-muc-01", "RolledBack", "rolled back with the run")),
            Wave("edge", "Cancelled", 2, TimeSpan.FromMinutes(1), null, null, Member("edge-ber-01", "NotMoved")),
        ]);

    /// <summary>One wave of <paramref name="failed"/> failed members.</summary>
    public static RolloutResponse ManyFailed(int failed) => new(
        9, Sha, "default", RolloutState.Failed, "too many failures", [], null,
        Enumerable.Range(1, failed).Select(Name).ToList(), Created, Created, Created.AddMinutes(9),
        [Wave("edge", "Failed", 5, TimeSpan.Zero, Created, Created.AddMinutes(9),
            Enumerable.Range(1, failed).Select(i => Member(Name(i), "Failed", $"reason {i}")).ToArray())]);

    private static string Name(int i) => $"edge-{i:D3}";

    private static RolloutWaveResponse Wave(string name, string state, int maxUnavailable, TimeSpan soak, DateTime? started, DateTime? finished,
        params RolloutMemberResponse[] members) =>
        new(name, state, members.Select(m => m.Cluster).ToList(), maxUnavailable, soak, started, null, finished, members);

    private static RolloutMemberResponse Member(string cluster, string state, string? reason = null) =>
        new(cluster, state, "sha256:" + new string('a', 64), "sha256:" + new string('b', 64),
            state is "Waiting" or "NotMoved" ? null : Created.AddMinutes(1), state is "Healthy" or "Failed" or "RolledBack" ? Created.AddMinutes(5) : null, reason);
}
