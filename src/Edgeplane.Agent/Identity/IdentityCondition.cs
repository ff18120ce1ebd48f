namespace Edgeplane.Agent.Identity;

/// <summary>
/// The agent identity's condition, for status reports and logs. <see cref="Health"/> says whether the agent can
/// keep talking to the hub; <see cref="Reason"/> is PascalCase (see <see cref="IdentityReasons"/>).
/// </summary>
public sealed record IdentityCondition(IdentityHealth Health, string Reason, string Message, DateTimeOffset Since);
