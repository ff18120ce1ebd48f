using System.Text;
using System.Text.RegularExpressions;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Reads the key/value pairs of a generator, in kustomize's order (env files, then literals, then files) and with
/// its rules: <c>key=value</c> literals (surrounding matching quotes removed), <c>[key=]path</c> files, env files of
/// <c>KEY=value</c> lines with <c>#</c> comments. Keys must be valid ConfigMap keys and may not repeat.
/// </summary>
internal static partial class GeneratorSources
{
    public static List<KeyValuePair<string, byte[]>> Load(GeneratorSpec spec, Func<PathReference, byte[]> read)
    {
        var pairs = new List<(string Key, byte[] Value, SourceLocation At)>();
        foreach (var env in spec.Envs)
        {
            pairs.AddRange(ParseEnvFile(read(env), env));
        }
        foreach (var literal in spec.Literals)
        {
            var (key, value) = ParseLiteral(literal);
            pairs.Add((key, Encoding.UTF8.GetBytes(value), literal.At));
        }
        foreach (var (key, file) in spec.Files)
        {
            pairs.Add((key, read(file), file.At));
        }
        var result = new List<KeyValuePair<string, byte[]>>(pairs.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value, at) in pairs)
        {
            CheckKey(key, at);
            if (!seen.Add(key))
            {
                throw KustomizeException.At(at, "DuplicateKey", $"{spec.Kind.ToLowerInvariant()} '{spec.Name}' repeats the key '{key}'");
            }
            result.Add(new(key, value));
        }
        return result;
    }

    private static (string Key, string Value) ParseLiteral(Located<string> literal)
    {
        var cut = literal.Value.IndexOf('=', StringComparison.Ordinal);
        if (cut <= 0)
        {
            throw KustomizeException.At(literal.At, "InvalidLiteral", $"invalid literal '{literal.Value}', expected key=value");
        }
        var value = literal.Value[(cut + 1)..];
        if (value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'')
        {
            value = value[1..^1];
        }
        return (literal.Value[..cut], value);
    }

    private static IEnumerable<(string, byte[], SourceLocation)> ParseEnvFile(byte[] content, PathReference file)
    {
        var text = Encoding.UTF8.GetString(content.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? content.AsSpan(3) : content);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').TrimStart();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var at = new SourceLocation(file.Resolved!, i + 1, 1);
            var cut = line.IndexOf('=', StringComparison.Ordinal);
            var key = cut < 0 ? line : line[..cut];
            if (!EnvName().IsMatch(key) || key is "." or ".." || key.StartsWith("..", StringComparison.Ordinal))
            {
                throw KustomizeException.At(at, "InvalidKey", $"'{key}' is not a valid environment variable name");
            }
            if (cut < 0)
            {
                // kustomize would read the value from its own process environment; a hub must not leak that.
                throw KustomizeException.At(at, "InvalidEnvLine",
                    $"'{key}' has no '=value'; taking values from the environment is not supported");
            }
            yield return (key, Encoding.UTF8.GetBytes(line[(cut + 1)..]), at);
        }
    }

    private static void CheckKey(string key, SourceLocation at)
    {
        if (key.Length > 253 || !ConfigMapKey().IsMatch(key) || key is "." or ".." || key.StartsWith("..", StringComparison.Ordinal))
        {
            throw KustomizeException.At(at, "InvalidKey",
                $"'{key}' is not a valid ConfigMap/Secret key (letters, digits, '-', '_' and '.', at most 253 characters)");
        }
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigMapKey();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvName();
}
