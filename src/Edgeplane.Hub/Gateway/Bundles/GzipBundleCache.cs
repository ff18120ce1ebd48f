using System.Collections.Concurrent;
using System.Security.Cryptography;
using Edgeplane.Hub.Store;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Hub.Gateway.Bundles;

/// <summary>
/// Gzipped bundles by digest, in memory, ready to serve: each is read from the store, checked against its digest and
/// gzipped once with <see cref="BundleCodec"/> (concurrent requests for one digest share that work), then kept in a
/// least-recently-used cache bounded by <see cref="GatewayOptions.BundleCacheBytes"/>. A bundle larger than the whole
/// cache is served but not kept. (The agent's on-disk cache is its own <c>BundleCache</c>.)
/// </summary>
internal sealed class GzipBundleCache(IBundleStore store, GatewayOptions options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<GzipBundle>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<GzipBundle> _lru = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<GzipBundle?>>> _loading = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>Compressed bytes held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The gzipped bundle, or null when the store has no bundle with this digest.</summary>
    public async Task<GzipBundle?> GetAsync(string digest, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(digest, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                return node.Value;
            }
        }
        var loading = _loading.GetOrAdd(digest, d => new Lazy<Task<GzipBundle?>>(() => LoadAsync(d)));
        try
        {
            var bundle = await loading.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (bundle is not null)
            {
                Add(bundle);
            }
            return bundle;
        }
        finally
        {
            if (loading.Value.IsCompleted)
            {
                _loading.TryRemove(new KeyValuePair<string, Lazy<Task<GzipBundle?>>>(digest, loading));
            }
        }
    }

    private async Task<GzipBundle?> LoadAsync(string digest)
    {
        // Not cancelled by one caller: others may be waiting for the same bundle.
        var record = await store.GetBundleAsync(digest, CancellationToken.None).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }
        if (record.Size > ProtocolLimits.MaxBundleBytes)
        {
            throw new InvalidDataException($"bundle {digest} is {record.Size} bytes, over the {ProtocolLimits.MaxBundleBytes}-byte limit");
        }
        var canonical = BundleCodec.DecompressStored(record.Encoding, record.Data, record.Size);
        var actual = BundleDigest.Of(canonical).ToString();
        if (actual != digest)
        {
            throw new InvalidDataException($"stored bundle {digest} is corrupt: its bytes hash to {actual}");
        }
        var data = BundleCodec.CompressForWire(canonical);
        return new GzipBundle(digest, data, Convert.ToHexStringLower(SHA256.HashData(data)), canonical.Length);
    }

    private void Add(GzipBundle bundle)
    {
        if (bundle.Data.Length > options.BundleCacheBytes)
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.ContainsKey(bundle.Digest))
            {
                return;
            }
            _entries[bundle.Digest] = _lru.AddFirst(bundle);
            _bytes += bundle.Data.Length;
            while (_bytes > options.BundleCacheBytes && _lru.Last is { } oldest)
            {
                _lru.RemoveLast();
                _entries.Remove(oldest.Value.Digest);
                _bytes -= oldest.Value.Data.Length;
            }
        }
    }
}
