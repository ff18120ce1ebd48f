using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Threading.Channels;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Agent.Tests.Support;

/// <summary>
/// What the test gateway serves and what it saw: bundles by digest, each cluster's target, every Hello, status report
/// and heartbeat, plus knobs that make it misbehave the way a real hub or network might.
/// </summary>
public sealed class GatewayState
{
    private readonly ConcurrentDictionary<string, byte[]> _bundles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Target> _targets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Fires on every Hello, report, heartbeat, fetch, session open and close.</summary>
    public ChangeSignal Changed { get; } = new();

    public List<Hello> Hellos { get; } = [];

    public List<(string Cluster, StatusReport Report)> Reports { get; } = [];

    public int Heartbeats;

    public int Connects;

    public int Fetches;

    /// <summary>Enrolments the gateway answered (successful or not).</summary>
    public int Enrolments;

    /// <summary>Heartbeat interval told in Welcome.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When false, status reports are not acknowledged.</summary>
    public bool AckStatus { get; set; } = true;

    /// <summary>Bytes per bundle chunk.</summary>
    public int ChunkBytes { get; set; } = 256 * 1024;

    /// <summary>When set, FetchBundle fails with Unavailable after this many chunks (once; then it resets).</summary>
    public int? BreakFetchAfterChunks { get; set; }

    /// <summary>When set, FetchBundle serves these bytes (gzipped) instead of the real bundle.</summary>
    public Func<string, byte[]?>? ServeInstead { get; set; }

    /// <summary>When set, the next Connect gets this Goodbye instead of a Welcome (once).</summary>
    public Goodbye? GoodbyeInsteadOfWelcome { get; set; }

    /// <summary>Offsets FetchBundle was asked to start at.</summary>
    public ConcurrentQueue<ulong> FetchOffsets { get; } = new();

    /// <summary>Adds a bundle; returns its digest.</summary>
    public string AddBundle(byte[] bytes)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        _bundles[digest] = bytes;
        return digest;
    }

    public byte[]? Bundle(string digest) => _bundles.GetValueOrDefault(digest);

    /// <summary>Targets <paramref name="digest"/> at <paramref name="cluster"/> with the next generation and tells a live session.</summary>
    public Target SetTarget(string cluster, string digest, string revision = "rev")
    {
        var target = _targets.AddOrUpdate(cluster,
            _ => new Target { Digest = digest, Revision = revision, Generation = 1 },
            (_, old) => new Target { Digest = digest, Revision = revision, Generation = old.Generation + 1 });
        if (_sessions.TryGetValue(cluster, out var session))
        {
            session.Outgoing.Writer.TryWrite(new HubMessage { TargetChanged = new TargetChanged { Target = target } });
        }
        return target;
    }

    /// <summary>Sends <paramref name="message"/> on the live session of <paramref name="cluster"/>; false when there is none.</summary>
    public bool Send(string cluster, HubMessage message) =>
        _sessions.TryGetValue(cluster, out var session) && session.Outgoing.Writer.TryWrite(message);

    /// <summary>Ends the live session of <paramref name="cluster"/> with a Goodbye.</summary>
    public bool SayGoodbye(string cluster, Goodbye goodbye)
    {
        if (!_sessions.TryGetValue(cluster, out var session))
        {
            return false;
        }
        session.Outgoing.Writer.TryWrite(new HubMessage { Goodbye = goodbye });
        session.Outgoing.Writer.TryComplete();
        return true;
    }

    /// <summary>Cuts the live session of <paramref name="cluster"/> without a Goodbye.</summary>
    public bool Drop(string cluster)
    {
        if (!_sessions.TryGetValue(cluster, out var session))
        {
            return false;
        }
        session.Abort.Cancel();
        return true;
    }

    /// <summary>Cuts every live session (a hub going away).</summary>
    public void DropAll()
    {
        foreach (var session in _sessions.Values)
        {
            session.Abort.Cancel();
        }
    }

    public bool IsConnected(string cluster) => _sessions.ContainsKey(cluster);

    public Target? TargetOf(string cluster) => _targets.GetValueOrDefault(cluster);

    public IReadOnlyList<StatusReport> ReportsOf(string cluster)
    {
        lock (_lock)
        {
            return Reports.Where(r => r.Cluster == cluster).Select(r => r.Report).ToList();
        }
    }

    public StatusReport? LastReport(string cluster) => ReportsOf(cluster).LastOrDefault();

    public IReadOnlyList<Hello> HellosOf(string cluster)
    {
        lock (_lock)
        {
            return Hellos.Where(h => h.ClusterId == cluster).ToList();
        }
    }

    internal void Record(Hello hello)
    {
        lock (_lock)
        {
            Hellos.Add(hello);
        }
        Changed.Notify();
    }

    /// <summary>Records a report unless its sequence was seen (like the hub); true when new.</summary>
    internal bool Record(string cluster, StatusReport report)
    {
        lock (_lock)
        {
            if (Reports.Any(r => r.Cluster == cluster && r.Report.Sequence >= report.Sequence))
            {
                return false;
            }
            Reports.Add((cluster, report));
        }
        Changed.Notify();
        return true;
    }

    internal Session Open(string cluster, CancellationToken callAborted)
    {
        var session = new Session(CancellationTokenSource.CreateLinkedTokenSource(callAborted));
        _sessions[cluster] = session;
        Changed.Notify();
        return session;
    }

    internal void Close(string cluster, Session session)
    {
        _sessions.TryRemove(new KeyValuePair<string, Session>(cluster, session));
        Changed.Notify();
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }

    internal sealed class Session(CancellationTokenSource abort)
    {
        public Channel<HubMessage> Outgoing { get; } = Channel.CreateUnbounded<HubMessage>();

        public CancellationTokenSource Abort { get; } = abort;
    }
}
