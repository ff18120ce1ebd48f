using System.Text.Json;

namespace Edgeplane.Cli.HubClient;

/// <summary>
/// An API answer twice: <see cref="Json"/> exactly as the hub sent it (what <c>-o json|yaml</c> prints, so no field is
/// dropped or renamed by the CLI's own types) and <see cref="Value"/>, the same document read as its contract record
/// (what the tables are drawn from).
/// </summary>
internal sealed record HubAnswer<T>(JsonElement Json, T Value);
