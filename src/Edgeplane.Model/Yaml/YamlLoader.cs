using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Edgeplane.Model.Yaml;

/// <summary>
/// Loads multi-document YAML into JSON nodes and remembers the file, line and column of every node.
/// Enforces <see cref="LoadLimits"/>: documents per file, nesting depth, and nodes and bytes after alias expansion.
/// Duplicate keys are errors, as they are for kubectl.
/// </summary>
public static partial class YamlLoader
{
    /// <summary>Loads every document of <paramref name="text"/>; <paramref name="file"/> is used in locations only.</summary>
    public static YamlLoadResult Load(string file, string text, LoadLimits? limits = null)
    {
        limits ??= LoadLimits.Default;
        var documents = new List<YamlDocument>();
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            var index = 0;
            while (parser.Accept<DocumentStart>(out var start))
            {
                if (index >= limits.MaxDocumentsPerFile)
                {
                    throw new YamlLoadError(At(file, start.Start), "LimitExceeded",
                        $"file has more than {limits.MaxDocumentsPerFile} YAML documents (limit MaxDocumentsPerFile)");
                }
                parser.MoveNext();
                var map = new SourceMap(file);
                var builder = new DocumentBuilder(parser, map, limits);
                var root = builder.ReadNode(depth: 0);
                parser.Consume<DocumentEnd>();
                if (root is not null)
                {
                    documents.Add(new YamlDocument(file, index, root, map) { Bytes = builder.Bytes });
                }
                index++;
            }
            parser.Consume<StreamEnd>();
            return new YamlLoadResult(documents, []);
        }
        catch (YamlLoadError error)
        {
            return new YamlLoadResult(documents, [new Diagnostic(error.Location, error.Message, error.Code)]);
        }
        catch (YamlException error)
        {
            var message = $"invalid YAML: {StripMark(error.Message)}";
            return new YamlLoadResult(documents, [new Diagnostic(At(file, error.Start), message, "InvalidYaml")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections; report where parsing stopped.
            var at = parser.Current is { } last ? At(file, last.End) : new(file, 1, 1);
            return new YamlLoadResult(documents, [new Diagnostic(at, "invalid YAML: malformed flow collection or scalar after this point", "InvalidYaml")]);
        }
    }

    internal static SourceLocation At(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: 3, Col: 2, Idx: 21): "; we say where ourselves.
    private static string StripMark(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }

    private sealed class YamlLoadError(SourceLocation location, string code, string message) : Exception(message)
    {
        public SourceLocation Location { get; } = location;

        public string Code { get; } = code;
    }
}
