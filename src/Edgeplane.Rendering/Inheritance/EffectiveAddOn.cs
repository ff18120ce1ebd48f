using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Inheritance;

/// <summary>An add-on as it applies to one cluster: the resolved version and the merged values (never mutated).</summary>
internal sealed record EffectiveAddOn(FleetResource<AddOnSpec> AddOn, string Version, JsonObject Values);
