namespace Edgeplane.Cli.Tests.HubCommands;

/// <summary>Tests that set <c>$EDGEPLANE_CONFIG</c> (one per process) run in this collection, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class CliConfigCollection
{
    public const string Name = "EDGEPLANE_CONFIG";
}
