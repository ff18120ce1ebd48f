namespace Edgeplane.Model.Specs;

/// <summary>Virtual machine settings of a VNF.</summary>
/// <param name="Image">Disk image: <c>docker://…</c> (registry) or <c>http(s)://…</c>, imported by a CDI DataVolume.</param>
/// <param name="DiskSize">Root disk size, a Kubernetes quantity.</param>
/// <param name="Cores">Virtual CPU cores.</param>
/// <param name="Memory">Guest memory, a Kubernetes quantity.</param>
/// <param name="CloudInit">cloud-init user data.</param>
/// <param name="RunStrategy">KubeVirt run strategy (default Always).</param>
public sealed record VnfSpec(string Image, string DiskSize, int Cores, string Memory, string? CloudInit, string RunStrategy);
