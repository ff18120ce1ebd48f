using Edgeplane.Hub.Rollouts;

namespace Edgeplane.Hub.Tests.Rollouts;

public sealed class RolloutPolicyTests
{
    private static readonly RolloutPolicy.Window BerlinNights = new("edge-nights", "0 1 * * *", TimeSpan.FromHours(4), "Europe/Berlin");

    [Theory]
    [InlineData("2026-12-07T00:00:00Z", true)] // 01:00 Berlin (UTC+1 in winter): opens
    [InlineData("2026-12-06T23:59:59Z", false)]
    [InlineData("2026-12-07T03:59:59Z", true)]
    [InlineData("2026-12-07T04:00:01Z", false)] // 05:00:01 Berlin: closed
    [InlineData("2026-07-06T23:30:00Z", true)] // 01:30 Berlin in summer (UTC+2)
    [InlineData("2026-07-07T02:59:00Z", true)] // 04:59 Berlin in summer
    [InlineData("2026-07-07T03:00:01Z", false)] // 05:00:01 Berlin in summer
    public void Window_IsOpen_FromEachOccurrenceForItsDuration_InItsTimeZone(string utc, bool open)
    {
        var now = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

        Assert.Equal(open, BerlinNights.IsOpen(now));
    }

    [Fact]
    public void Window_NextOpening_IsTheNextOccurrence()
    {
        var next = BerlinNights.NextOpening(new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc));

        Assert.Equal(new DateTime(2026, 12, 8, 0, 0, 0, DateTimeKind.Utc), next);
    }

    [Theory]
    [InlineData("v1.31.2+k3s1", "v1.31", true)]
    [InlineData("v1.31.2+k3s1", "v1.31.2+k3s1", true)]
    [InlineData("v1.31.2", "1.31.2", true)]
    [InlineData("v1.30.9", "v1.31", false)]
    [InlineData("v1.31.2-eks-a1b2", "v1.31.3", false)]
    [InlineData(null, "v1.31", false)]
    [InlineData(null, null, true)]
    public void KubernetesVersions_Satisfies_ComparesTheComponentsTheDeclarationWrites(string? observed, string? declared, bool expected) =>
        Assert.Equal(expected, KubernetesVersions.Satisfies(observed, declared));

    [Fact]
    public void Policy_RoundTripsThroughItsStoredJson_AndTheHealthDeadlineIsTheShortestGate()
    {
        var policy = new RolloutPolicy(
            [new("a", 90, TimeSpan.FromMinutes(20), false), new("b", 100, TimeSpan.FromMinutes(5), true)], true, 2,
            Edgeplane.Model.Specs.OfflinePolicy.Skip, [BerlinNights]);

        var back = RolloutPolicy.FromJson(policy.ToJson());

        Assert.Equal(policy.Gates, back.Gates);
        Assert.Equal(policy.Windows, back.Windows);
        Assert.Equal((true, 2, Edgeplane.Model.Specs.OfflinePolicy.Skip), (back.AutomaticRollback, back.MaxFailures, back.Offline));
        Assert.Equal(TimeSpan.FromMinutes(5), back.HealthDeadline(TimeSpan.FromMinutes(10)));
        Assert.True(back.RequiresKubernetesVersion);
        Assert.Equal(TimeSpan.FromMinutes(10), (back with { Gates = [] }).HealthDeadline(TimeSpan.FromMinutes(10)));
    }
}
