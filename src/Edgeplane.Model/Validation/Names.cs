using System.Text.RegularExpressions;
using Edgeplane.ApiMachinery.Labels;

namespace Edgeplane.Model.Validation;

/// <summary>Name rules shared by the loader, validator and renderer.</summary>
public static partial class Names
{
    /// <summary>What a DNS-1123 label is, for error messages.</summary>
    public const string Dns1123Rule =
        "a DNS-1123 label has at most 63 characters: lowercase letters, digits or '-', starting and ending with a letter or digit";

    /// <summary>True for a DNS-1123 label (Kubernetes object and namespace names, label values).</summary>
    public static bool IsDns1123Label(string name) => name.Length <= 63 && Dns1123().IsMatch(name);

    /// <summary>True for a variable name: letters, digits, '_', '-' and '.', starting with a letter or '_'.</summary>
    public static bool IsVariableName(string name) => VariableName().IsMatch(name);

    /// <summary>True for a Kubernetes label key (optional DNS prefix and a name of at most 63 characters).</summary>
    public static bool IsLabelKey(string key) => LabelSyntax.IsKey(key);

    /// <summary>True for a label value (empty, or at most 63 alphanumerics with '-', '_', '.' inside).</summary>
    public static bool IsLabelValue(string value) => LabelSyntax.IsValue(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex VariableName();
}
