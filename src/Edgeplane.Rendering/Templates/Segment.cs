using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Templates;

/// <summary>One piece of a compiled object: literal bytes or a hole filled per cluster.</summary>
internal readonly record struct Segment(SegmentKind Kind, byte[]? Bytes, StringTemplate? Template, SourceLocation Location);
