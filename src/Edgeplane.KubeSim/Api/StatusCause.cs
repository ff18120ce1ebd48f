namespace Edgeplane.KubeSim.Api;

/// <summary>One entry of <c>Status.details.causes</c>: what is wrong with which field.</summary>
internal sealed record StatusCause(string Reason, string Message, string? Field);
