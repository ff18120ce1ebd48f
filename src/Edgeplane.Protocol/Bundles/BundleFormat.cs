namespace Edgeplane.Protocol.Bundles;

/// <summary>
/// The fixed text of the bundle document (docs/rendering.md, "The bundle document"), written down once. This file is
/// compiled into Edgeplane.Protocol (the one parser, <c>BundleDocument</c>) and, as a linked source file, into
/// Edgeplane.Rendering (the canonical writer, <c>BundleWriter</c>), which references only Model: both use the same
/// text without a project reference, and the writer keeps its UTF-8 literals (no copy, no lookup). Internal in both
/// assemblies, so neither exposes it.
/// </summary>
internal static class BundleFormat
{
    /// <summary>The only apiVersion of a bundle document.</summary>
    public const string ApiVersion = "edgeplane.dev/v1alpha1";

    /// <summary>The kind of a bundle document.</summary>
    public const string Kind = "Bundle";

    /// <summary><c>spec.drift</c>: put drifted objects back (the default).</summary>
    public const string DriftCorrect = "correct";

    /// <summary><c>spec.drift</c>: only report drift.</summary>
    public const string DriftReport = "report";

    /// <summary><c>spec.revision</c> when the renderer was given none.</summary>
    public const string Unversioned = "unversioned";

    /// <summary>How every digest starts (<c>sha256:&lt;64 lower-case hex&gt;</c>).</summary>
    public const string DigestPrefix = "sha256:";

    /// <summary>The digest text of a sha256 hash: <see cref="DigestPrefix"/> and its lower-case hex.</summary>
    public static string DigestOf(ReadOnlySpan<byte> sha256) => DigestPrefix + Convert.ToHexStringLower(sha256);

    // The canonical document is these fragments with the variable parts between them, keys in ordinal order:
    // Opening NAME DriftMember DRIFT ObjectsMember OBJECTS,… PruneTrue|PruneFalse RevisionMember REVISION Closing.

    /// <summary><c>{"apiVersion":"edgeplane.dev/v1alpha1","kind":"Bundle","metadata":{"name":</c></summary>
    public static ReadOnlySpan<byte> Opening => "{\"apiVersion\":\"edgeplane.dev/v1alpha1\",\"kind\":\"Bundle\",\"metadata\":{\"name\":"u8;

    /// <summary><c>},"spec":{"drift":</c></summary>
    public static ReadOnlySpan<byte> DriftMember => "},\"spec\":{\"drift\":"u8;

    /// <summary><c>,"objects":[</c></summary>
    public static ReadOnlySpan<byte> ObjectsMember => ",\"objects\":["u8;

    /// <summary><c>],"prune":true</c></summary>
    public static ReadOnlySpan<byte> PruneTrue => "],\"prune\":true"u8;

    /// <summary><c>],"prune":false</c></summary>
    public static ReadOnlySpan<byte> PruneFalse => "],\"prune\":false"u8;

    /// <summary><c>,"revision":</c> (the content digest leaves this member out).</summary>
    public static ReadOnlySpan<byte> RevisionMember => ",\"revision\":"u8;

    /// <summary><c>}}</c></summary>
    public static ReadOnlySpan<byte> Closing => "}}"u8;
}
