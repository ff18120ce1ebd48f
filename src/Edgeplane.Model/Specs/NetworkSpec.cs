using System.Text.Json.Nodes;

namespace Edgeplane.Model.Specs;

/// <summary>An extra (Multus) network: a NetworkAttachmentDefinition named <c>&lt;nf&gt;-&lt;name&gt;</c>.</summary>
/// <param name="Name">DNS-1123 label.</param>
/// <param name="Cni">The CNI configuration (type, master, vlan, ipam…); <c>cniVersion</c> and <c>name</c> are filled in.</param>
/// <param name="ResourceName">Device plugin resource (e.g. for SR-IOV), set as the NAD's resourceName annotation.</param>
public sealed record NetworkSpec(string Name, JsonObject Cni, string? ResourceName);
