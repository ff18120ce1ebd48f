using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// The identities (group, kind, namespace, name) of a bundle's objects, each kept as the first 128 bits of the
/// SHA-256 of <c>group NUL kind NUL namespace NUL name</c>, sorted and without repeats. Compact (16 bytes an object),
/// so the hub stores one per bundle and the mass-deletion check compares old and new without decompressing the old
/// bundle. 128 bits, from a cryptographic hash, so a commit cannot make a deleted object look kept by choosing names
/// that collide (a birthday search is about 2^64 hashes).
/// </summary>
internal sealed class ObjectIdentitySet
{
    private const int HashBytes = 16;

    private readonly UInt128[] _hashes;

    private ObjectIdentitySet(UInt128[] hashes) => _hashes = hashes;

    /// <summary>No objects.</summary>
    public static ObjectIdentitySet Empty { get; } = new([]);

    /// <summary>How many distinct object identities the bundle holds.</summary>
    public int Count => _hashes.Length;

    /// <summary>The identities of <paramref name="bundle"/>'s objects (from the rendered objects, else its JSON).</summary>
    public static ObjectIdentitySet Of(CompiledBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return bundle.Objects is { } objects
            ? Of(objects.Select(o => (o.ApiVersion, o.Kind, o.Namespace, o.Name)))
            : OfBundleJson(bundle.CanonicalBytes.Span);
    }

    /// <summary>
    /// The identities of the objects in a bundle's canonical JSON, read by <see cref="BundleDocument.Parse"/> (which
    /// throws <see cref="BundleFormatException"/> for a document that is not a bundle).
    /// </summary>
    public static ObjectIdentitySet OfBundleJson(ReadOnlySpan<byte> canonical) =>
        Of(BundleDocument.Parse(canonical).Objects.Select(o => (
            (string?)o["apiVersion"] ?? "", (string?)o["kind"] ?? "",
            (string?)o["metadata"]?["namespace"], (string?)o["metadata"]?["name"] ?? "")));

    /// <summary>The identities of objects given by apiVersion (only its group counts), kind, namespace and name.</summary>
    public static ObjectIdentitySet Of(IEnumerable<(string ApiVersion, string Kind, string? Namespace, string Name)> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var hashes = objects.Select(o => Hash(Group(o.ApiVersion), o.Kind, o.Namespace ?? "", o.Name)).ToArray();
        Array.Sort(hashes);
        return new ObjectIdentitySet(Distinct(hashes));
    }

    /// <summary>Reads the stored form written by <see cref="ToBytes"/>.</summary>
    public static ObjectIdentitySet FromBytes(ReadOnlySpan<byte> stored)
    {
        if (stored.Length % HashBytes != 0)
        {
            throw new InvalidDataException($"stored object identities are {stored.Length} bytes, not a multiple of {HashBytes}");
        }
        var hashes = new UInt128[stored.Length / HashBytes];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = BinaryPrimitives.ReadUInt128BigEndian(stored.Slice(i * HashBytes, HashBytes));
            if (i > 0 && hashes[i] <= hashes[i - 1])
            {
                throw new InvalidDataException("stored object identities are not sorted and distinct");
            }
        }
        return new ObjectIdentitySet(hashes);
    }

    /// <summary>The stored form: the sorted hashes, 16 bytes each, big-endian.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[_hashes.Length * HashBytes];
        for (var i = 0; i < _hashes.Length; i++)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes.AsSpan(i * HashBytes, HashBytes), _hashes[i]);
        }
        return bytes;
    }

    /// <summary>Whether the set holds the object with this apiVersion (only its group counts), kind, namespace and name.</summary>
    public bool Contains(string apiVersion, string kind, string? ns, string name) =>
        Array.BinarySearch(_hashes, Hash(Group(apiVersion), kind, ns ?? "", name)) >= 0;

    /// <summary>How many of these identities <paramref name="next"/> does not hold: the objects a change to it deletes.</summary>
    public int CountMissingFrom(ObjectIdentitySet next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var (missing, j) = (0, 0);
        foreach (var hash in _hashes)
        {
            while (j < next._hashes.Length && next._hashes[j] < hash)
            {
                j++;
            }
            if (j == next._hashes.Length || next._hashes[j] != hash)
            {
                missing++;
            }
        }
        return missing;
    }

    private static string Group(string apiVersion) => apiVersion.LastIndexOf('/') is var slash and >= 0 ? apiVersion[..slash] : "";

    private static UInt128 Hash(string group, string kind, string ns, string name)
    {
        var length = Encoding.UTF8.GetMaxByteCount(group.Length + kind.Length + ns.Length + name.Length + 3);
        var rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[length] : rented;
            var written = 0;
            foreach (var part in (ReadOnlySpan<string>)[group, kind, ns, name])
            {
                if (written > 0)
                {
                    buffer[written++] = 0;
                }
                written += Encoding.UTF8.GetBytes(part, buffer[written..]);
            }
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], digest);
            return BinaryPrimitives.ReadUInt128BigEndian(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static UInt128[] Distinct(UInt128[] sorted)
    {
        var count = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                sorted[count++] = sorted[i];
            }
        }
        return count == sorted.Length ? sorted : sorted[..count];
    }
}
