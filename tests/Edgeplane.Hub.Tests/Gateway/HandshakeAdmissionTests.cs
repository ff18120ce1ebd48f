using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Gateway.Admission;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>
/// Handshake admission on a fake clock: a bounded number of handshakes in flight, a bounded queue and wait, and a
/// slot that comes back however the handshake ended. Nothing here sleeps; waits end by advancing the clock.
/// </summary>
public sealed class HandshakeAdmissionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly List<AdmissionController> _controllers = [];

    [Fact]
    public async Task Wait_SlotsFree_AdmittedAtOnceUpToTheLimit()
    {
        var admission = Controller(concurrent: 2);

        using var first = await admission.WaitForHandshakeAsync(CancellationToken.None);
        using var second = await admission.WaitForHandshakeAsync(CancellationToken.None);
        var third = admission.WaitForHandshakeAsync(CancellationToken.None).AsTask();

        Assert.True(first.Admitted && second.Admitted);
        Assert.False(third.IsCompleted);
        Assert.Equal((2, 1), (admission.HandshakesInFlight, admission.QueuedHandshakes));
    }

    [Fact]
    public async Task Wait_HandshakeCompletes_NextInQueueAdmittedWithoutTimePassing()
    {
        var admission = Controller(concurrent: 1);
        var first = await admission.WaitForHandshakeAsync(CancellationToken.None);
        var second = admission.WaitForHandshakeAsync(CancellationToken.None).AsTask();

        first.Dispose();
        using var admitted = await second.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HandshakeOutcome.Admitted, admitted.Outcome);
        Assert.Equal((1, 0), (admission.HandshakesInFlight, admission.QueuedHandshakes));
    }

    [Fact]
    public async Task Wait_QueueFull_RefusedAtOnce()
    {
        var admission = Controller(concurrent: 1, queued: 1);
        using var holder = await admission.WaitForHandshakeAsync(CancellationToken.None);
        var queued = admission.WaitForHandshakeAsync(CancellationToken.None).AsTask();

        var refused = admission.WaitForHandshakeAsync(CancellationToken.None);

        Assert.True(refused.IsCompleted);
        Assert.Equal(HandshakeOutcome.QueueFull, (await refused).Outcome);
        Assert.False(queued.IsCompleted);
        Assert.Equal((1, 1), (admission.HandshakesInFlight, admission.QueuedHandshakes));
    }

    [Fact]
    public async Task Wait_NoSlotWithinMaxWait_WaitExceededAndNoSlotTaken()
    {
        var admission = Controller(concurrent: 1, maxWait: TimeSpan.FromSeconds(2));
        var holder = await admission.WaitForHandshakeAsync(CancellationToken.None);
        var waiting = admission.WaitForHandshakeAsync(CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(1_999));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Outcome;

        Assert.Equal(HandshakeOutcome.WaitExceeded, outcome);
        Assert.Equal((1, 0), (admission.HandshakesInFlight, admission.QueuedHandshakes));
        holder.Dispose();
        Assert.Equal(0, admission.HandshakesInFlight);
    }

    [Fact]
    public async Task Wait_ConnectionClosedWhileQueued_ClosedAndTheSlotGoesToTheNext()
    {
        var admission = Controller(concurrent: 1);
        var holder = await admission.WaitForHandshakeAsync(CancellationToken.None);
        using var closed = new CancellationTokenSource();
        var leaving = admission.WaitForHandshakeAsync(closed.Token).AsTask();
        var staying = admission.WaitForHandshakeAsync(CancellationToken.None).AsTask();

        await closed.CancelAsync();
        var left = await leaving.WaitAsync(TimeSpan.FromSeconds(10));
        holder.Dispose();
        using var next = await staying.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HandshakeOutcome.Closed, left.Outcome);
        Assert.Equal(HandshakeOutcome.Admitted, next.Outcome);
        Assert.Equal((1, 0), (admission.HandshakesInFlight, admission.QueuedHandshakes));
    }

    [Fact]
    public async Task Wait_ExpectedWaitFromMeasuredHandshakesOverMax_RefusedAtOnce()
    {
        var admission = Controller(concurrent: 2, maxWait: TimeSpan.FromSeconds(2));
        var measured = await admission.WaitForHandshakeAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        measured.Dispose(); // one handshake held its slot 1 s: the k-th in line waits about k × 1 s / 2 slots
        using var a = await admission.WaitForHandshakeAsync(CancellationToken.None);
        using var b = await admission.WaitForHandshakeAsync(CancellationToken.None);
        var queued = Enumerable.Range(0, 4).Select(_ => admission.WaitForHandshakeAsync(CancellationToken.None).AsTask()).ToList();

        var fifth = admission.WaitForHandshakeAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(2), admission.ExpectedWait(4));
        Assert.True(fifth.IsCompleted);
        Assert.Equal(HandshakeOutcome.WaitExceeded, (await fifth).Outcome);
        Assert.All(queued, q => Assert.False(q.IsCompleted));
        Assert.Equal(4, admission.QueuedHandshakes);
    }

    [Fact]
    public async Task Dispose_HandshakeFailedAndTicketDisposedTwice_SlotFreedOnce()
    {
        var admission = Controller(concurrent: 2);
        var failed = await admission.WaitForHandshakeAsync(CancellationToken.None);
        using var other = await admission.WaitForHandshakeAsync(CancellationToken.None);

        failed.Dispose();
        failed.Dispose();

        Assert.Equal(1, admission.HandshakesInFlight);
        using var again = await admission.WaitForHandshakeAsync(CancellationToken.None);
        Assert.Equal(HandshakeOutcome.Admitted, again.Outcome);
        Assert.Equal(2, admission.HandshakesInFlight);
        var queued = admission.WaitForHandshakeAsync(CancellationToken.None).AsTask();
        Assert.False(queued.IsCompleted);
    }

    [Fact]
    public async Task Wait_RateCapExhausted_WaitsForTheNextTokenOnTheClock()
    {
        var admission = Controller(concurrent: 10, rate: 1, burst: 1);
        using var first = await admission.WaitForHandshakeAsync(CancellationToken.None);
        var second = admission.WaitForHandshakeAsync(CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        using var admitted = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HandshakeOutcome.Admitted, admitted.Outcome);
    }

    [Fact]
    public async Task Wait_RateCapNeedsMoreThanMaxWait_RefusedAtOnce()
    {
        var admission = Controller(concurrent: 10, rate: 1, burst: 1, maxWait: TimeSpan.FromSeconds(2));
        using var first = await admission.WaitForHandshakeAsync(CancellationToken.None);
        var second = admission.WaitForHandshakeAsync(CancellationToken.None).AsTask();
        var third = admission.WaitForHandshakeAsync(CancellationToken.None).AsTask();

        var fourth = admission.WaitForHandshakeAsync(CancellationToken.None);

        Assert.True(fourth.IsCompleted);
        Assert.Equal(HandshakeOutcome.WaitExceeded, (await fourth).Outcome);
        Assert.False(second.IsCompleted || third.IsCompleted);
    }

    [Fact]
    public void Defaults_ConcurrencySizedToTheCores()
    {
        var options = new GatewayOptions();

        Assert.Equal(GatewayOptions.HandshakesPerCore * Environment.ProcessorCount, options.MaxConcurrentHandshakes);
        options.Validate();
    }

    [Theory]
    [InlineData(0, 10, "MaxConcurrentHandshakes is 0; it must be between 1 and 4096")]
    [InlineData(4_097, 10, "MaxConcurrentHandshakes is 4097; it must be between 1 and 4096")]
    [InlineData(16, -1, "MaxQueuedHandshakes is -1; it must be between 0 and 100000")]
    [InlineData(16, 100_001, "MaxQueuedHandshakes is 100001; it must be between 0 and 100000")]
    public void Validate_HandshakeBoundsOutOfRange_Refused(int concurrent, int queued, string expected)
    {
        var options = new GatewayOptions { MaxConcurrentHandshakes = concurrent, MaxQueuedHandshakes = queued };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var controller in _controllers)
        {
            controller.Dispose();
        }
    }

    private AdmissionController Controller(int concurrent, int queued = 100, TimeSpan? maxWait = null, double rate = 1_000, int burst = 1_000)
    {
        var options = new GatewayOptions
        {
            MaxConcurrentHandshakes = concurrent, MaxQueuedHandshakes = queued,
            MaxHandshakeWait = maxWait ?? TimeSpan.FromSeconds(2), HandshakeRate = rate, HandshakeBurst = burst,
        };
        options.Validate();
        var controller = new AdmissionController(options, _time, new Random(1));
        _controllers.Add(controller);
        return controller;
    }
}
