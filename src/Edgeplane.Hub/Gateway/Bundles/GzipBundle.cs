namespace Edgeplane.Hub.Gateway.Bundles;

/// <summary>A bundle gzipped once for serving: the compressed bytes, their sha256 (hex) and the uncompressed size.</summary>
internal sealed record GzipBundle(string Digest, byte[] Data, string Sha256Hex, long UncompressedSize);
