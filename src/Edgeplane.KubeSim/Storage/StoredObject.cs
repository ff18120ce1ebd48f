namespace Edgeplane.KubeSim.Storage;

/// <summary>
/// One stored object: immutable compact UTF-8 JSON (with its resourceVersion already inside) plus the few fields
/// the store needs without parsing. Replaced whole on every write, so readers share it without locks.
/// </summary>
internal sealed class StoredObject(byte[] json, long resourceVersion, string? @namespace, string name, string uid)
{
    public byte[] Json { get; } = json;

    public long ResourceVersion { get; } = resourceVersion;

    public string? Namespace { get; } = @namespace;

    public string Name { get; } = name;

    public string Uid { get; } = uid;

    public string StoreKey => StoreKeys.For(Namespace, Name);
}
