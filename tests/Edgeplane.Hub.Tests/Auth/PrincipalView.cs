namespace Edgeplane.Hub.Tests.Auth;

/// <summary>What <c>GET /test/principal</c> answers: the hub principal's name, method, OIDC subject, grants and roles.</summary>
internal sealed record PrincipalView(string? Name, string? Method, string? Subject, string[] Grants, string[] Roles);
