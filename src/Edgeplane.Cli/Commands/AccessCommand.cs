using System.CommandLine;
using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Commands;

/// <summary><c>edgeplane access token create|list|revoke|rotate-admin</c>: the hub's API tokens for people and automation.</summary>
internal static partial class AccessCommand
{
    private const string ShownOnce = "warning: this is the only time the token's secret is shown; the hub keeps only its hash. Store it now.";

    public static Command Create()
    {
        var access = new Command("access", "Who may use the hub's API: API tokens for people and automation.");
        var token = new Command("token", """
            API tokens: a subject (user:…, group:… or service:…), a role (fleet-admin, workspace-admin, workspace-member,
            viewer), an optional workspace the role holds in, and an expiry. The hub stores only a hash.

            Examples:
              edgeplane access token create --subject user:ana@example.com --role viewer --ttl 30d
              edgeplane access token create --subject user:lena@example.com --role workspace-member --workspace ran
              edgeplane access token list
              edgeplane access token revoke 1a2b3c4d
              edgeplane access token rotate-admin
            """);
        token.Subcommands.Add(CreateToken());
        token.Subcommands.Add(ListTokens());
        token.Subcommands.Add(RevokeToken());
        token.Subcommands.Add(RotateAdmin());
        access.Subcommands.Add(token);
        return access;
    }

    private static Command CreateToken()
    {
        var connection = new HubConnection();
        var subject = new Option<string>("--subject") { Description = "Who the token speaks for: user:<email>, group:<name> or service:<name>", Required = true };
        var role = new Option<string>("--role") { Description = "fleet-admin, workspace-admin, workspace-member or viewer", Required = true };
        role.AcceptOnlyFromAmong("fleet-admin", "workspace-admin", "workspace-member", "viewer");
        var workspace = new Option<string?>("--workspace") { Description = "The workspace the role holds in (required for workspace-admin and workspace-member; a viewer without one reads the whole fleet)" };
        var ttl = new Option<string?>("--ttl") { Description = "How long the token works: 30m, 12h, 30d (default: the hub's, 30d), 365d at most" };
        var description = new Option<string?>("--description") { Description = "What the token is for (shown in the list)" };
        var command = new Command("create", """
            Create an API token. Its secret is printed once and never again; the hub keeps only a hash. A fleet-admin may
            create any token; a workspace-admin only workspace-member and viewer tokens of its workspace. Audited.

            Examples:
              edgeplane access token create --subject user:ana@example.com --role viewer --ttl 30d --description "dashboards"
              edgeplane access token create --subject service:ci --role workspace-member --workspace ran --ttl 12h -o json
            """);
        command.Options.Add(subject);
        command.Options.Add(role);
        command.Options.Add(workspace);
        command.Options.Add(ttl);
        command.Options.Add(description);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var request = new CreateApiTokenRequest(parse.GetRequiredValue(subject), parse.GetRequiredValue(role), parse.GetValue(workspace),
                parse.GetValue(ttl), parse.GetValue(description));
            var created = await client.CreateApiTokenAsync(request, ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), created, o => WriteCreated(o, created)).ConfigureAwait(false);
            await parse.InvocationConfiguration.Error.WriteLineAsync(ShownOnce).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteCreated(TextWriter output, CreatedApiTokenResponse created)
    {
        output.WriteLine(created.Token);
        output.WriteLine();
        var expires = created.ExpiresAt is { } at ? $"expires {at:u}" : "never expires";
        output.WriteLine($"Token {created.Id} for {created.Subject}: {Scope(created.Role, created.Workspace)}, {expires}.");
    }

    private static string Scope(string role, string? workspace) => workspace is null ? $"{role} (whole fleet)" : $"{role} in workspace {workspace}";
}
