using System.Text.RegularExpressions;

namespace Edgeplane.ApiMachinery.Labels;

/// <summary>What Kubernetes accepts as a label key and a label value (<c>IsQualifiedName</c>, <c>IsValidLabelValue</c>).</summary>
public static partial class LabelSyntax
{
    /// <summary>What a label key is, for error messages.</summary>
    public const string KeyRule =
        "a label key is a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, "
        + "optionally after a DNS subdomain prefix and '/'";

    /// <summary>What a label value is, for error messages.</summary>
    public const string ValueRule =
        "a label value is empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    /// <summary>True for a label key: an optional DNS subdomain prefix (at most 253 characters) and '/', then a name.</summary>
    public static bool IsKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? "" : key[..slash];
        var name = slash < 0 ? key : key[(slash + 1)..];
        return (slash < 0 || (prefix.Length is > 0 and <= 253 && Prefix().IsMatch(prefix)))
            && name.Length is > 0 and <= 63 && Name().IsMatch(name);
    }

    /// <summary>True for a label value: empty, or at most 63 letters and digits with '-', '_', '.' inside.</summary>
    public static bool IsValue(string value) => value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Prefix();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex Name();
}
