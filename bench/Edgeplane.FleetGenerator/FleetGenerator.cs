using System.Globalization;
using System.Text.Json.Nodes;
using Edgeplane.Model.Yaml;

namespace Edgeplane.FleetGenerator;

/// <summary>
/// Scales the example fleet to any number of edge sites, deterministically: everything but the edge clusters is
/// copied; site <c>i</c> goes to region <c>i mod regions</c> and copies the labels, capabilities, variables and
/// add-on overrides of example edge cluster <c>i mod examples</c>, so the mix of features stays the same.
/// </summary>
public static class FleetGenerator
{
    /// <summary>Writes a fleet with <paramref name="edgeSites"/> edge sites to <paramref name="outDir"/> (replaced).</summary>
    public static void Generate(string exampleDir, string outDir, int edgeSites)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(edgeSites);
        var templates = EdgeClusters(exampleDir);
        if (templates.Count == 0)
        {
            throw new InvalidOperationException($"{exampleDir} has no edge clusters under clusters/edge to copy");
        }
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
        Copy(exampleDir, outDir, skip: Path.Combine(exampleDir, "clusters", "edge"));
        var fleet = Load(Path.Combine(exampleDir, "fleet.yaml"));
        var regions = fleet["spec"]!["regions"]!.AsArray().Select(r => r!.AsObject())
            .Where(r => r["layers"] is not JsonArray layers || layers.Any(l => (string?)l == "edge")).ToList();
        foreach (var region in regions)
        {
            region["sites"] = new JsonArray();
        }
        for (var i = 0; i < edgeSites; i++)
        {
            var region = regions[i % regions.Count];
            var template = templates[i % templates.Count];
            var site = string.Create(CultureInfo.InvariantCulture, $"site-{i:D5}");
            region["sites"]!.AsArray().Add(new JsonObject
            {
                ["name"] = site,
                ["variables"] = new JsonObject { ["siteId"] = string.Create(CultureInfo.InvariantCulture, $"{i:D5}") },
            });
            var cluster = (JsonObject)template.DeepClone();
            cluster["metadata"]!["name"] = $"edge-{site}";
            cluster["spec"]!["region"] = (string)region["name"]!;
            cluster["spec"]!["site"] = site;
            Write(Path.Combine(outDir, "clusters", "edge", (string)region["name"]!, $"edge-{site}.yaml"), cluster);
        }
        Write(Path.Combine(outDir, "fleet.yaml"), fleet);
    }

    private static List<JsonObject> EdgeClusters(string exampleDir)
    {
        var dir = Path.Combine(exampleDir, "clusters", "edge");
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load).ToList()
            : [];
    }

    private static JsonObject Load(string path)
    {
        var loaded = YamlLoader.Load(path, File.ReadAllText(path));
        if (!loaded.Succeeded || loaded.Documents.Count != 1)
        {
            throw new InvalidOperationException($"{path}: expected one valid YAML document");
        }
        return loaded.Documents[0].Root.AsObject();
    }

    private static void Write(string path, JsonObject node)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, YamlWriter.Write(node));
    }

    private static void Copy(string from, string to, string skip)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Order(StringComparer.Ordinal))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var dir in Directory.GetDirectories(from).Order(StringComparer.Ordinal))
        {
            if (Path.GetFullPath(dir) != Path.GetFullPath(skip))
            {
                Copy(dir, Path.Combine(to, Path.GetFileName(dir)), skip);
            }
        }
    }
}
