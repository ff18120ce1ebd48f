using System.Globalization;
using System.Text.Json;
using Edgeplane.Agent.State;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Status;

/// <summary>
/// Status reports waiting for the hub's acknowledgement, on disk so that neither a lost link nor an agent restart loses
/// them: <c>{state}/status/outbox/&lt;sequence&gt;.pb</c> (one protobuf <c>StatusReport</c> each) and
/// <c>{state}/status/cursor.json</c> (the last sequence handed out and the highest one acknowledged). Sequences increase
/// strictly and survive restarts. The outbox is bounded: every report is a full status, so when it holds more than
/// <see cref="StatusOutboxOptions.MaxReports"/> reports or <see cref="StatusOutboxOptions.MaxBytes"/> bytes the oldest are
/// dropped and the newest is always kept.
/// </summary>
public sealed partial class StatusOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _lock = new();
    private readonly SortedList<ulong, (StatusReport Report, int Bytes)> _pending = [];
    private readonly StatusOutboxOptions _options;
    private readonly ILogger _logger;
    private readonly string _directory;
    private readonly string _cursorPath;
    private TaskCompletionSource _changed = NewSignal();
    private long _bytes;

    /// <summary>Opens the outbox under <paramref name="stateDirectory"/>, reloading what an earlier run left.</summary>
    public StatusOutbox(string stateDirectory, StatusOutboxOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _directory = Path.Combine(stateDirectory, "status", "outbox");
        _cursorPath = Path.Combine(stateDirectory, "status", "cursor.json");
        Directory.CreateDirectory(_directory);
        Reload();
    }

    /// <summary>Raised after an acknowledgement removed reports (outside the outbox's lock).</summary>
    public event Action? Acknowledged;

    /// <summary>The last sequence handed out (0 before the first report).</summary>
    public ulong LastSequence { get; private set; }

    /// <summary>The highest sequence the hub acknowledged.</summary>
    public ulong LastAcked { get; private set; }

    /// <summary>Reports dropped because the outbox was full, since this process started.</summary>
    public long Dropped { get; private set; }

    /// <summary>Reports waiting for acknowledgement.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Completes when a report is added; take it before reading <see cref="PendingAfter"/>.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Gives <paramref name="report"/> the next sequence, stores it, and drops the oldest reports beyond the bounds.</summary>
    public StatusReport Add(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        TaskCompletionSource changed;
        lock (_lock)
        {
            var stored = report.Clone();
            stored.Sequence = LastSequence + 1;
            var bytes = stored.ToByteArray();
            AtomicFile.Write(PathOf(stored.Sequence), bytes);
            LastSequence = stored.Sequence;
            SaveCursor();
            _pending.Add(stored.Sequence, (stored, bytes.Length));
            _bytes += bytes.Length;
            EvictOldest();
            changed = _changed;
            _changed = NewSignal();
            report = stored;
        }
        changed.TrySetResult();
        return report;
    }

    /// <summary>Reports with a sequence above <paramref name="sequence"/>, oldest first.</summary>
    public IReadOnlyList<StatusReport> PendingAfter(ulong sequence)
    {
        lock (_lock)
        {
            return _pending.Where(p => p.Key > sequence).Select(p => p.Value.Report).ToList();
        }
    }

    /// <summary>The hub stored every report up to <paramref name="upTo"/>: forget them.</summary>
    public void Ack(ulong upTo)
    {
        lock (_lock)
        {
            if (upTo <= LastAcked)
            {
                return;
            }
            // An ack can never be for a report not sent yet; cap it so a confused hub cannot skip future sequences.
            LastAcked = Math.Min(upTo, LastSequence);
            while (_pending.Count > 0 && _pending.Keys[0] <= LastAcked)
            {
                Remove(_pending.Keys[0]);
            }
            SaveCursor();
        }
        Acknowledged?.Invoke();
    }

    private void EvictOldest()
    {
        var dropped = 0;
        while (_pending.Count > 1 && (_pending.Count > _options.MaxReports || _bytes > _options.MaxBytes))
        {
            Remove(_pending.Keys[0]);
            dropped++;
        }
        if (dropped > 0)
        {
            Dropped += dropped;
            LogDropped(_logger, dropped, _pending.Count);
        }
    }

    private void Remove(ulong sequence)
    {
        _bytes -= _pending[sequence].Bytes;
        _pending.Remove(sequence);
        File.Delete(PathOf(sequence));
    }

    private string PathOf(ulong sequence) => Path.Combine(_directory, sequence.ToString("D20", CultureInfo.InvariantCulture) + ".pb");

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
