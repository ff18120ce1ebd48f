namespace Edgeplane.Hub.Store;

/// <summary>A stored bundle's bytes: <paramref name="Data"/> compressed with <paramref name="Encoding"/>, <paramref name="Size"/> bytes once inflated.</summary>
internal sealed record BundleContent(string Digest, string Encoding, byte[] Data, int Size);
