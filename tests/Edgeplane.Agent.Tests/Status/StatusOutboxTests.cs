using Edgeplane.Agent.Status;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.Protocol.V1;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edgeplane.Agent.Tests.Status;

public sealed class StatusOutboxTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Add_AcrossReopen_SequencesKeepIncreasingAndUnackedReportsSurvive()
    {
        var outbox = Open();
        outbox.Add(Report("a"));
        outbox.Add(Report("b"));
        outbox.Add(Report("c"));
        outbox.Ack(1);

        var reopened = Open();
        var next = reopened.Add(Report("d"));

        Assert.Equal(4ul, next.Sequence);
        Assert.Equal(1ul, reopened.LastAcked);
        Assert.Equal([2ul, 3ul, 4ul], reopened.PendingAfter(reopened.LastAcked).Select(r => r.Sequence));
        Assert.Equal(["b", "c", "d"], reopened.PendingAfter(0).Select(r => r.AppliedDigest));
        Assert.Equal(3, Directory.EnumerateFiles(Path.Combine(_dir.Path, "status", "outbox"), "*.pb").Count());
    }

    [Fact]
    public void Ack_BeyondTheLastSequence_CappedSoFutureReportsAreNotSkipped()
    {
        var outbox = Open();
        outbox.Add(Report("a"));

        outbox.Ack(99);
        var next = outbox.Add(Report("b"));

        Assert.Equal(1ul, outbox.LastAcked);
        Assert.Equal([next.Sequence], outbox.PendingAfter(outbox.LastAcked).Select(r => r.Sequence));
    }

    [Fact]
    public void Add_BeyondMaxReports_DropsTheOldestKeepsTheNewest()
    {
        var outbox = Open(new StatusOutboxOptions { MaxReports = 3 });

        for (var i = 0; i < 5; i++)
        {
            outbox.Add(Report($"r{i}"));
        }

        Assert.Equal(["r2", "r3", "r4"], outbox.PendingAfter(0).Select(r => r.AppliedDigest));
        Assert.Equal(2, outbox.Dropped);
        Assert.Equal(5ul, outbox.LastSequence);
    }

    [Fact]
    public void Add_ReportLargerThanMaxBytes_NewestStillKept()
    {
        var outbox = Open(new StatusOutboxOptions { MaxBytes = 1024 });
        outbox.Add(Report("small"));

        outbox.Add(Report(new string('x', 4096)));

        Assert.Equal(1, outbox.Count);
        Assert.Equal(2ul, outbox.PendingAfter(0).Single().Sequence);
    }

    private StatusOutbox Open(StatusOutboxOptions? options = null) =>
        new(_dir.Path, options ?? new StatusOutboxOptions(), NullLogger.Instance);

    private static StatusReport Report(string applied) => new() { AppliedDigest = applied };
}
