using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Model.Specs;

/// <summary>A variable's value: a string, a number or a boolean, kept with its type for whole-value substitution.</summary>
public sealed record VariableValue(JsonValue Node)
{
    /// <summary>The value as it reads inside a longer string.</summary>
    public string Text => Node.GetValueKind() switch
    {
        JsonValueKind.String => Node.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => Node.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture) : Node.ToJsonString(),
    };

    /// <summary>Makes a string variable.</summary>
    public static VariableValue Of(string text) => new(JsonValue.Create(text));
}
