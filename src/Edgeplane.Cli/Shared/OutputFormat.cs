using System.CommandLine;

namespace Edgeplane.Cli.Shared;

/// <summary>The <c>-o yaml|json</c> option shared by commands that print Kubernetes objects.</summary>
internal static class OutputFormat
{
    public const string Yaml = "yaml";
    public const string Json = "json";

    public static Option<string> Create()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: yaml (objects, readable) or json (the canonical bundle document).",
            DefaultValueFactory = _ => Yaml,
            HelpName = "yaml|json",
        };
        option.AcceptOnlyFromAmong(Yaml, Json);
        return option;
    }
}
