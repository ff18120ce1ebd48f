using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Gateway.Availability;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>Waiting for a link's contact: what the gateway tests use to keep a fake clock behind the hub's reading.</summary>
public sealed class LinkStateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly AvailabilityTracker _tracker;

    public LinkStateTests() => _tracker = new AvailabilityTracker(new GatewayOptions(), _time);

    [Fact]
    public async Task WhenContact_MessageTakenLater_Completes()
    {
        var link = _tracker.Connected("site", "s1", "v1");
        _time.Advance(TimeSpan.FromSeconds(1));
        var at = _time.GetUtcNow();

        var waiting = link.WhenContactAsync(at, CancellationToken.None);
        var before = waiting.IsCompleted;
        link.Touch(at);
        await waiting.WaitAsync(Timeout);

        Assert.False(before);
        Assert.Equal(at, link.LastContact);
    }

    [Fact]
    public void WhenContact_AlreadyTaken_CompletesAtOnce()
    {
        var link = _tracker.Connected("site", "s1", "v1");

        var waiting = link.WhenContactAsync(_time.GetUtcNow(), CancellationToken.None);

        Assert.True(waiting.IsCompletedSuccessfully);
    }
}
