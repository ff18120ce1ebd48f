namespace Edgeplane.KubeSim.Storage;

/// <summary>Store keys order like etcd's <c>/registry/&lt;resource&gt;/&lt;namespace&gt;/&lt;name&gt;</c>, which list and paging follow.</summary>
internal static class StoreKeys
{
    public static string For(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    /// <summary>First key of a namespace's range; every key of that namespace starts with it.</summary>
    public static string NamespacePrefix(string ns) => ns + "/";
}
