namespace Edgeplane.Cli.HubClient;

/// <summary>
/// What <c>edgeplane login --oidc</c> saves beside the id_token (which is <see cref="CliConfig.Token"/>): where it came
/// from, the refresh token (null when the issuer gave none) and when the id_token expires, so the CLI refreshes it.
/// </summary>
internal sealed record CliOidcLogin(string Issuer, string ClientId, string? RefreshToken, DateTimeOffset ExpiresAt);
