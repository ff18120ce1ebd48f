using System.CommandLine;
using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Commands;

/// <summary><c>access token list</c>, <c>revoke</c> and <c>rotate-admin</c>.</summary>
internal static partial class AccessCommand
{
    private static Command ListTokens()
    {
        var connection = new HubConnection();
        var command = new Command("list", """
            List the API tokens you may manage (a workspace-admin sees its workspace's), with their state: active, expired
            or revoked. Never shows a secret.

            Examples:
              edgeplane access token list
              edgeplane access token list -o json
            """);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var tokens = await client.ListApiTokensAsync(ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), new PageResponse<ApiTokenResponse>(tokens, null), o =>
            {
                var table = new TextTable("ID", "SUBJECT", "ROLE", "WORKSPACE", "STATE", "EXPIRES", "DESCRIPTION");
                foreach (var t in tokens)
                {
                    table.Add(t.Id, t.Subject, t.Role, t.Workspace, t.State, t.ExpiresAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never",
                        t.Description);
                }
                table.Write(o);
            }).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RevokeToken()
    {
        var connection = new HubConnection();
        var id = new Argument<string>("id") { Description = "The token's id (the ID column of 'edgeplane access token list')" };
        var command = new Command("revoke", """
            Revoke an API token: the hub refuses it from its next request on. Audited.

            Example:
              edgeplane access token revoke 1a2b3c4d
            """);
        command.Arguments.Add(id);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var tokenId = parse.GetRequiredValue(id);
            await client.RevokeApiTokenAsync(tokenId, ct).ConfigureAwait(false);
            await output.WriteLineAsync($"token {tokenId} revoked").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RotateAdmin()
    {
        var connection = new HubConnection();
        var command = new Command("rotate-admin", """
            Replace the hub's admin token (subject token:admin): a new one is made and printed once, and every older admin
            token is revoked at once. When your saved login ('edgeplane login') used a revoked one, it is updated to the new
            token. Needs a fleet-admin token; audited.

            Example:
              edgeplane access token rotate-admin
            """);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var rotated = await client.RotateAdminTokenAsync(ct).ConfigureAwait(false);
            var saved = UpdateSavedLogin(rotated, parse.GetValue(connection.Hub));
            await CliOutput.WriteAsync(output, connection.Format(parse), rotated, o =>
            {
                WriteCreated(o, rotated);
                o.WriteLine($"Revoked: {(rotated.Revoked.Count == 0 ? "none" : string.Join(", ", rotated.Revoked))}.");
            }).ConfigureAwait(false);
            await parse.InvocationConfiguration.Error.WriteLineAsync(ShownOnce).ConfigureAwait(false);
            if (saved is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"the saved login in {saved} now uses the new token").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Saves the new token when the saved login is for this hub (<paramref name="hub"/>, else the saved one) and its token is
    /// one the rotation revoked; returns the config's path then, else null.
    /// </summary>
    private static string? UpdateSavedLogin(CreatedApiTokenResponse rotated, string? hub)
    {
        var path = CliConfig.PathFromEnvironment();
        if (CliConfig.Load(path) is not { } saved || TokenId(saved.Token) is not { } id || !rotated.Revoked.Contains(id)
            || HubConnection.ParseUrl(hub ?? saved.Hub) != HubConnection.ParseUrl(saved.Hub))
        {
            return null;
        }
        (saved with { Token = rotated.Token }).Save(path);
        return path;
    }

    /// <summary>The public id of an <c>ep_&lt;id&gt;_&lt;secret&gt;</c> token, or null for another shape.</summary>
    private static string? TokenId(string token)
    {
        var parts = token.Split('_', 3);
        return parts.Length == 3 && parts[0] == "ep" ? parts[1] : null;
    }
}
