namespace Edgeplane.Rendering.Templates;

/// <summary>
/// One thing in a pod spec that reaches the node: <paramref name="Code"/> is <c>PodHostAccess</c> (privileged, a host
/// path or disk, the host's network, PID or IPC namespace, a host port) or <c>CapabilityNotAllowed</c> (an added Linux
/// capability beyond the Pod Security baseline list, named in <paramref name="Capability"/>).
/// </summary>
/// <param name="Code">The rule code.</param>
/// <param name="Capability">For <c>CapabilityNotAllowed</c>, the capability; else null.</param>
/// <param name="Field">Where, as a path in the object (<c>spec.template.spec.containers[0].securityContext.privileged</c>).</param>
internal sealed record PodFinding(string Code, string Field, string? Capability = null);
