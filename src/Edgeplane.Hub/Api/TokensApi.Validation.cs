using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Edgeplane.Model.Validation;

namespace Edgeplane.Hub.Api;

/// <summary>What a token request may say, and what the caller may grant.</summary>
internal static partial class TokensApi
{
    private static readonly string[] SubjectKinds = ["user:", "group:", "service:"];

    /// <summary>Null when <paramref name="body"/> is a well-formed request (then <paramref name="ttl"/> is its lifetime), else what is wrong.</summary>
    internal static string? Validate(CreateApiTokenRequest? body, HubLimits limits, out TimeSpan ttl)
    {
        ttl = limits.DefaultApiTokenTtl;
        if (body is null)
        {
            return "the body must be JSON: {\"subject\": \"user:ana@example.com\", \"role\": \"viewer\", \"ttl\": \"30d\"}";
        }
        return ValidateSubject(body.Subject) ?? ValidateRole(body.Role, body.Workspace) ?? ValidateDescription(body.Description)
            ?? ValidateTtl(body.Ttl, limits, ref ttl);
    }

    private static string? ValidateSubject(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return "subject is required, e.g. 'user:ana@example.com', 'group:ran-ops' or 'service:ci'";
        }
        if (subject.Length > TokenLimits.MaxSubjectLength)
        {
            return $"subject is {subject.Length} characters long; at most {TokenLimits.MaxSubjectLength} are allowed";
        }
        var kind = SubjectKinds.FirstOrDefault(k => subject.StartsWith(k, StringComparison.Ordinal));
        if (kind is null || subject.Length == kind.Length)
        {
            return $"subject '{subject}' must be 'user:<name>', 'group:<name>' or 'service:<name>'";
        }
        var bad = subject.FirstOrDefault(c => c is <= ' ' or > '~');
        return bad == default ? null
            : $"subject '{subject}' contains U+{(int)bad:X4}; only printable ASCII without spaces is allowed";
    }

    private static string? ValidateRole(string? role, string? workspace)
    {
        if (role is null || !HubRoles.All.Contains(role))
        {
            return $"role '{role}' is not one of: {string.Join(", ", HubRoles.All)}";
        }
        if (role == HubRoles.FleetAdmin && workspace is not null)
        {
            return "workspace: a fleet-admin token holds for the whole fleet; leave workspace out";
        }
        if (role is HubRoles.WorkspaceAdmin or HubRoles.WorkspaceMember && workspace is null)
        {
            return $"workspace is required for role {role}";
        }
        return workspace is null || Names.IsDns1123Label(workspace) ? null
            : $"workspace '{workspace}' is not a valid workspace name: {Names.Dns1123Rule}";
    }

    private static string? ValidateDescription(string? description) =>
        description is { Length: > TokenLimits.MaxDescriptionLength }
            ? $"description is {description.Length} characters long; at most {TokenLimits.MaxDescriptionLength} are allowed"
            : description is not null && description.Any(char.IsControl) ? "description must not contain control characters"
            : null;

    private static string? ValidateTtl(string? text, HubLimits limits, ref TimeSpan ttl)
    {
        if (text is null)
        {
            return null;
        }
        if (!Durations.TryParse(text, TimeSpan.MaxValue, zeroAllowed: false, out var parsed, out var error))
        {
            return $"ttl: {error}";
        }
        if (parsed < TokenLimits.MinTtl || parsed > limits.MaxApiTokenTtl)
        {
            return $"ttl: '{text}' is out of range; it must be between {Text(TokenLimits.MinTtl)} and {Text(limits.MaxApiTokenTtl)}";
        }
        ttl = parsed;
        return null;
    }

    private static string Text(TimeSpan span) =>
        span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.TotalDays:0}d"
        : span.TotalHours >= 1 && span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.TotalHours:0}h"
        : $"{span.TotalMinutes:0.##}m";

    /// <summary>Null when <paramref name="scope"/> may grant <paramref name="role"/> in <paramref name="workspace"/>, else why not.</summary>
    internal static string? MayGrant(CallerScope scope, string role, string? workspace)
    {
        if (scope.IsFleetAdmin)
        {
            return null;
        }
        if (role is not (HubRoles.WorkspaceMember or HubRoles.Viewer) || workspace is null)
        {
            return $"a workspace-admin may create only workspace-member or viewer tokens of its workspace; {role}{(workspace is null ? " without a workspace" : "")} needs a fleet-admin";
        }
        return scope.AdminOf.Contains(workspace) ? null : $"you are not a workspace-admin of workspace '{workspace}'";
    }
}
