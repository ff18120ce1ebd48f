using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Rendering.Canonical;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// Writes one bundle document canonically into a reused buffer, its fixed text from <see cref="BundleFormat"/> (the file
/// Protocol's one parser is built from), filling each object's holes, and remembers the byte ranges that the content
/// digest leaves out (revision entries). An object stops being written as soon as it passes
/// <see cref="LoadLimits.MaxObjectBytes"/>, and a substitution as soon as its text does, so a variable used many times
/// costs at most the limit. Not thread-safe: one per thread.
/// </summary>
internal sealed partial class BundleWriter : IDisposable
{
    private readonly ByteBuffer _buffer = new(256 * 1024);
    private readonly List<(int Start, int Length)> _excluded = [];
    private int _objects;

    public ByteBuffer Buffer => _buffer;

    /// <summary>The limits of the render running on this thread (set at its start).</summary>
    public LoadLimits Limits { get; set; } = LoadLimits.Default;

    public IReadOnlyList<(int Start, int Length)> Excluded => _excluded;

    /// <summary>Starts <c>{"apiVersion":…,"kind":"Bundle","metadata":{"name":…},"spec":{"drift":…,"objects":[</c>.</summary>
    public void Begin(byte[] clusterNameJson, string drift)
    {
        _buffer.Clear();
        _excluded.Clear();
        _objects = 0;
        _buffer.Write(BundleFormat.Opening);
        _buffer.Write(clusterNameJson);
        _buffer.Write(BundleFormat.DriftMember);
        CanonicalJson.WriteString(_buffer, drift);
        _buffer.Write(BundleFormat.ObjectsMember);
    }

    /// <summary>Ends the document: <c>],"prune":…,"revision":…}}</c>, the revision entry excluded from the content digest.</summary>
    public void End(bool prune, byte[] revisionJson)
    {
        _buffer.Write(prune ? BundleFormat.PruneTrue : BundleFormat.PruneFalse);
        var start = _buffer.Length;
        _buffer.Write(BundleFormat.RevisionMember);
        _buffer.Write(revisionJson);
        _excluded.Add((start, _buffer.Length - start));
        _buffer.Write(BundleFormat.Closing);
    }

    /// <summary>
    /// Writes one object and returns its byte range and the bytes of ConfigMap or Secret data it holds. Problems (unknown
    /// variables, a substitution over the object limit) go to <paramref name="errors"/>. An object that passes the object
    /// limit is cut off and comes back with <see cref="WrittenObject.TooLarge"/> set; the caller reports it.
    /// </summary>
    public WrittenObject WriteObject(CompiledObject obj, VariableScope scope, byte[] clusterNameJson, byte[] revisionJson,
        bool clusterScoped, string describe, List<Diagnostic> errors)
    {
        if (_objects++ > 0)
        {
            _buffer.Write((byte)',');
        }
        var start = _buffer.Length;
        var data = obj.DataBytes ?? 0;
        _overflow = false;
        foreach (var segment in obj.Segments)
        {
            switch (segment.Kind)
            {
                case SegmentKind.Literal:
                    _buffer.Write(segment.Bytes);
                    break;
                case SegmentKind.ClusterName:
                    _buffer.Write(clusterNameJson);
                    break;
                case SegmentKind.Revision:
                    var at = _buffer.Length;
                    _buffer.Write(segment.Bytes);
                    _buffer.Write(revisionJson);
                    _excluded.Add((at, _buffer.Length - at));
                    break;
                case SegmentKind.DefaultNamespace:
                    if (!clusterScoped)
                    {
                        _buffer.Write(segment.Bytes);
                    }
                    break;
                default:
                    data += WriteVariable(segment, scope, describe, errors);
                    if (_overflow || _buffer.Length - start > Limits.MaxObjectBytes)
                    {
                        return CutOff(start, reported: _overflow);
                    }
                    break;
            }
        }
        return _buffer.Length - start > Limits.MaxObjectBytes ? CutOff(start, reported: false) : new WrittenObject(start, _buffer.Length - start, data, false, false);
    }

    // The object's bytes are dropped at once: the bundle is not produced, and they must not add up.
    private WrittenObject CutOff(int start, bool reported)
    {
        _buffer.Truncate(start);
        _excluded.RemoveAll(range => range.Start >= start);
        return new WrittenObject(start, 0, 0, true, reported);
    }

    public void Dispose() => _buffer.Dispose();
}
