using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Edgeplane.Model.Yaml;

/// <summary>
/// Writes JSON nodes as block-style YAML, quoting every string that would otherwise read back as another type
/// (<c>"true"</c>, <c>"1.0"</c>, <c>""</c>), so that <see cref="YamlLoader"/> gives back equal nodes.
/// Keys are written in the order of the nodes.
/// </summary>
public static class YamlWriter
{
    /// <summary>Writes documents separated by <c>---</c>.</summary>
    public static string Write(IEnumerable<JsonNode?> documents)
    {
        var text = new StringWriter(new StringBuilder(4096)) { NewLine = "\n" };
        var emitter = new Emitter(text, bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false);
        emitter.Emit(new StreamStart());
        var first = true;
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: first));
            EmitNode(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            first = false;
        }
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>Writes one document.</summary>
    public static string Write(JsonNode? document) => Write([document]);

    private static void EmitNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                EmitMapping(emitter, obj);
                break;
            case JsonArray array:
                EmitSequence(emitter, array);
                break;
            case JsonValue value:
                EmitValue(emitter, value);
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitMapping(IEmitter emitter, JsonObject obj)
    {
        var style = obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block;
        emitter.Emit(new MappingStart(null, null, true, style));
        foreach (var (key, value) in obj)
        {
            EmitString(emitter, key);
            EmitNode(emitter, value);
        }
        emitter.Emit(new MappingEnd());
    }

    private static void EmitSequence(IEmitter emitter, JsonArray array)
    {
        var style = array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block;
        emitter.Emit(new SequenceStart(null, null, true, style));
        foreach (var item in array)
        {
            EmitNode(emitter, item);
        }
        emitter.Emit(new SequenceEnd());
    }

    private static void EmitValue(IEmitter emitter, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                EmitString(emitter, value.GetValue<string>());
                break;
            case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number:
                emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        // A literal block cannot hold non-printable characters or YAML 1.1 line separators; those need escapes.
        var style = !IsPrintable(text) ? ScalarStyle.DoubleQuoted
            : text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : YamlScalars.NeedsQuoting(text) || IsYaml11Bool(text) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, style == ScalarStyle.Any, style != ScalarStyle.Any));
    }

    // YAML 1.1 readers (kubectl's sigs.k8s.io/yaml among them) take these as booleans; quote them like kustomize does.
    private static bool IsYaml11Bool(string text) => text is "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO"
        or "on" or "On" or "ON" or "off" or "Off" or "OFF";

    private static bool IsPrintable(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' and not '\t' and not '\n' or '\u007f' or '\u0085' or '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff'
                || (c is >= '\u0080' and < '\u00a0'))
            {
                return false;
            }
        }
        return true;
    }
}
