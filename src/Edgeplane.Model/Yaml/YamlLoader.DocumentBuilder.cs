using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Edgeplane.Model.Yaml;

public static partial class YamlLoader
{
    /// <summary>
    /// Builds one document recursively; depth is bounded by <see cref="LoadLimits.MaxDepth"/> before recursing. Nodes
    /// and bytes are counted as they are read; an alias adds what its anchor counted before anything is copied.
    /// </summary>
    private sealed class DocumentBuilder(IParser parser, SourceMap map, LoadLimits limits)
    {
        private readonly Dictionary<string, (JsonNode? Node, int Count, long Bytes)> _anchors = new(StringComparer.Ordinal);
        private int _nodes;

        /// <summary>Bytes of keys and scalar values read so far, aliases expanded.</summary>
        public long Bytes { get; private set; }

        public JsonNode? ReadNode(int depth)
        {
            var start = _nodes;
            var startBytes = Bytes;
            var current = parser.Current ?? throw new YamlLoadError(new(map.File, 0, 0), "InvalidYaml", "invalid YAML: unexpected end");
            JsonNode? node = current switch
            {
                AnchorAlias alias => ExpandAlias(alias),
                Scalar scalar => ReadScalar(scalar),
                SequenceStart sequence => ReadSequence(sequence, depth),
                MappingStart mapping => ReadMapping(mapping, depth),
                _ => throw Error(current.Start, "InvalidYaml", $"invalid YAML: unexpected {current.GetType().Name}"),
            };
            if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
            {
                _anchors[anchored.Anchor.Value] = (node, _nodes - start, Bytes - startBytes);
            }
            return node;
        }

        private JsonNode? ReadScalar(Scalar scalar)
        {
            parser.MoveNext();
            Count(scalar.Start, 1);
            CountBytes(scalar.Start, Encoding.UTF8.GetByteCount(scalar.Value));
            JsonNode? node;
            try
            {
                node = YamlScalars.Resolve(scalar);
            }
            catch (YamlTypeException e)
            {
                throw Error(scalar.Start, "InvalidYaml", $"invalid YAML: {e.Message}");
            }
            if (node is not null)
            {
                map.Set(node, At(map.File, scalar.Start), quoted: scalar.Style is not ScalarStyle.Plain);
            }
            return node;
        }

        private JsonArray ReadSequence(SequenceStart start, int depth)
        {
            Enter(start.Start, depth);
            parser.MoveNext();
            var array = new JsonArray();
            map.Set(array, At(map.File, start.Start));
            while (parser.Current is not SequenceEnd)
            {
                array.Add(ReadNode(depth + 1));
            }
            parser.MoveNext();
            return array;
        }

        private JsonObject ReadMapping(MappingStart start, int depth)
        {
            Enter(start.Start, depth);
            parser.MoveNext();
            var mapping = new JsonObject();
            map.Set(mapping, At(map.File, start.Start));
            var merges = new List<JsonObject>();
            while (parser.Current is not MappingEnd)
            {
                ReadEntry(mapping, merges, depth);
            }
            parser.MoveNext();
            ApplyMerges(mapping, merges);
            return mapping;
        }

        private void ReadEntry(JsonObject mapping, List<JsonObject> merges, int depth)
        {
            if (parser.Current is not Scalar key)
            {
                throw Error(parser.Current!.Start, "InvalidYaml", "invalid YAML: a mapping key must be a plain value, not a mapping, list or alias");
            }
            parser.MoveNext();
            CountBytes(key.Start, Encoding.UTF8.GetByteCount(key.Value));
            var keyLocation = At(map.File, key.Start);
            if (key is { Value: "<<", Style: ScalarStyle.Plain })
            {
                CollectMerge(ReadNode(depth + 1), key.Start, merges);
                return;
            }
            if (mapping.ContainsKey(key.Value))
            {
                var first = map.OfKey(mapping, key.Value);
                throw Error(key.Start, "DuplicateKey", $"duplicate key \"{key.Value}\" (first at line {first.Line})");
            }
            var value = ReadNode(depth + 1);
            mapping[key.Value] = value;
            map.SetKey(mapping, key.Value, keyLocation);
        }

        private void CollectMerge(JsonNode? value, Mark at, List<JsonObject> merges)
        {
            switch (value)
            {
                case JsonObject source:
                    merges.Add(source);
                    break;
                case JsonArray sources when sources.All(s => s is JsonObject):
                    merges.AddRange(sources.Cast<JsonObject>());
                    break;
                default:
                    throw Error(at, "InvalidYaml", "invalid YAML: a merge key (<<) needs a mapping or a list of mappings");
            }
        }

        private void ApplyMerges(JsonObject mapping, List<JsonObject> merges)
        {
            foreach (var source in merges)
            {
                foreach (var (key, value) in source)
                {
                    if (!mapping.ContainsKey(key))
                    {
                        mapping[key] = value?.DeepClone();
                    }
                }
            }
        }

        private JsonNode? ExpandAlias(AnchorAlias alias)
        {
            parser.MoveNext();
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                throw Error(alias.Start, "InvalidYaml", $"invalid YAML: alias *{alias.Value} refers to an unknown or unfinished anchor");
            }
            Count(alias.Start, anchored.Count);
            CountBytes(alias.Start, anchored.Bytes);
            var copy = anchored.Node?.DeepClone();
            if (copy is not null)
            {
                map.Set(copy, At(map.File, alias.Start));
            }
            return copy;
        }

        private void Enter(Mark at, int depth)
        {
            if (depth >= limits.MaxDepth)
            {
                throw Error(at, "LimitExceeded", $"YAML nesting is deeper than {limits.MaxDepth} levels (limit MaxDepth)");
            }
            Count(at, 1);
        }

        private void Count(Mark at, int nodes)
        {
            _nodes += nodes;
            if (_nodes > limits.MaxNodesPerDocument)
            {
                throw Error(at, "LimitExceeded",
                    $"document expands to more than {limits.MaxNodesPerDocument} nodes, counting YAML aliases (limit MaxNodesPerDocument)");
            }
        }

        private void CountBytes(Mark at, long bytes)
        {
            Bytes += bytes;
            if (Bytes > limits.MaxDocumentBytes)
            {
                throw Error(at, "LimitExceeded",
                    $"document expands to more than {ByteSizes.Describe(limits.MaxDocumentBytes)} of keys and values, counting YAML aliases: it exceeds the document limit (MaxDocumentBytes)");
            }
        }

        private YamlLoadError Error(Mark at, string code, string message) => new(At(map.File, at), code, message);
    }
}
