using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// One piece of a compiled object: literal bytes or a hole filled per cluster. <paramref name="Data"/> says whether a
/// variable fills a ConfigMap's or Secret's data value, whose size is then counted per cluster.
/// </summary>
internal readonly record struct Segment(SegmentKind Kind, byte[]? Bytes, StringTemplate? Template, SourceLocation Location,
    DataEncoding Data = DataEncoding.None);
