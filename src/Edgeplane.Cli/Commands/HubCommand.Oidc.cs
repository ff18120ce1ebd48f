using System.CommandLine;
using Edgeplane.Hub;

namespace Edgeplane.Cli.Commands;

internal static partial class HubCommand
{
    /// <summary>The <c>--oidc-…</c> options of <c>edgeplane hub</c>: JWTs from an OpenID Connect issuer beside API tokens.</summary>
    internal sealed class OidcFlags
    {
        private static readonly OidcOptions Defaults = new() { Issuer = "", Audience = "" };

        private readonly Option<string?> _issuer = new("--oidc-issuer")
        {
            Description = "OpenID Connect issuer URL whose JWTs the REST API accepts beside API tokens, exactly as in the tokens' iss " +
                "(e.g. https://dex.example.com/dex); https, or http on a loopback address. Default: none (API tokens only)",
        };

        private readonly Option<string?> _audience = new("--oidc-audience")
        {
            Description = "Audience (aud) the tokens must carry: the client id 'edgeplane login --oidc' uses, e.g. edgeplane. Required with --oidc-issuer",
        };

        private readonly Option<string> _usernameClaim = new("--oidc-username-claim")
        {
            Description = "Claim naming the user (user:<value> in workspace members); a token without it is refused",
            DefaultValueFactory = _ => Defaults.UsernameClaim,
        };

        private readonly Option<string> _groupsClaim = new("--oidc-groups-claim")
        {
            Description = "Claim listing the user's groups (group:<value> in workspace members)",
            DefaultValueFactory = _ => Defaults.GroupsClaim,
        };

        private readonly Option<string[]> _adminGroups = new("--oidc-admin-group")
        {
            Description = "Group whose members are fleet-admins without being workspace members (repeatable; default none)",
        };

        private readonly Option<string[]> _viewerGroups = new("--oidc-viewer-group")
        {
            Description = "Group whose members are fleet-wide viewers (repeatable; default none)",
        };

        private readonly Option<string[]> _scopes = new("--oidc-scope")
        {
            Description = "Scope the dashboard asks the issuer for when a person signs in in the browser (repeatable; must include openid). " +
                "Default: openid email profile groups",
        };

        private readonly Option<int> _clockSkew = new("--oidc-clock-skew")
        {
            Description = "Seconds a token's exp and nbf may be off the hub's clock (0-300)",
            DefaultValueFactory = _ => (int)Defaults.ClockSkew.TotalSeconds,
        };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _issuer, _audience, _usernameClaim, _groupsClaim, _adminGroups, _viewerGroups, _scopes, _clockSkew })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>The OIDC options, or null without <c>--oidc-issuer</c>; an <see cref="ArgumentException"/> for flags that need it.</summary>
        public OidcOptions? Read(ParseResult parse)
        {
            if (parse.GetValue(_issuer) is not { } issuer)
            {
                var orphan = new Option[] { _audience, _usernameClaim, _groupsClaim, _adminGroups, _viewerGroups, _scopes, _clockSkew }
                    .FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
                return orphan is null ? null : throw new ArgumentException($"{orphan.Name} needs --oidc-issuer");
            }
            return new OidcOptions
            {
                Issuer = issuer,
                Audience = parse.GetValue(_audience) ?? "",
                UsernameClaim = parse.GetRequiredValue(_usernameClaim),
                GroupsClaim = parse.GetRequiredValue(_groupsClaim),
                AdminGroups = parse.GetValue(_adminGroups) ?? [],
                ViewerGroups = parse.GetValue(_viewerGroups) ?? [],
                Scopes = parse.GetValue(_scopes) is { Length: > 0 } scopes ? scopes : Defaults.Scopes,
                ClockSkew = TimeSpan.FromSeconds(parse.GetValue(_clockSkew)),
            };
        }
    }
}
