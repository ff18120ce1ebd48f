using System.CommandLine;
using Edgeplane.Hub;
using Edgeplane.Hub.Sources;
using Edgeplane.Protocol.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Commands;

internal static partial class HubCommand
{
    public static Command Create()
    {
        var repo = new Option<string>("--repo") { Description = "Fleet repo: a local path or a Git URL", Required = true };
        var branch = new Option<string>("--branch") { Description = "Branch to follow", DefaultValueFactory = _ => "main" };
        var data = new Option<string>("--data") { Description = "Data folder (SQLite database, Git mirror)", DefaultValueFactory = _ => ".edgeplane-hub" };
        var store = new Option<string?>("--store") { Description = "sqlite (default, in --data) or postgres://user:pass@host:port/db" };
        var listen = new Option<string>("--listen")
        {
            Description = "API address: http://HOST:PORT, or https://HOST:PORT (see --tls-cert-file)",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var poll = new Option<int>("--poll-interval") { Description = "Seconds between fetches (webhooks fetch at once)", DefaultValueFactory = _ => 60 };
        var secretFile = new Option<FileInfo?>("--webhook-secret-file")
        {
            Description = "File holding the webhook secret (else $EDGEPLANE_WEBHOOK_SECRET; without one, webhooks are refused)",
        };
        var gatewayListen = new Option<string>("--gateway-listen")
        {
            Description = "Agent gateway address (gRPC over mutual TLS), e.g. https://0.0.0.0:7443; 'none' turns it off",
            DefaultValueFactory = _ => "https://127.0.0.1:7443",
        };
        var gatewayNames = new Option<string[]>("--gateway-name")
        {
            Description = "Host name or IP agents (and https API clients) dial, added to the hub CA's server certificate (repeatable; default localhost, 127.0.0.1, ::1)",
            AllowMultipleArgumentsPerToken = false,
        };
        var credentialsFile = new Option<FileInfo?>("--repo-credentials-file")
        {
            Description = "File (mode 0600) with the repo's credentials as key=value lines: username, password (HTTPS), sshKey, " +
                "sshKnownHosts, sshCommand (SSH); else $EDGEPLANE_REPO_USERNAME and $EDGEPLANE_REPO_PASSWORD",
        };
        var logFormat = new Option<string>("--log-format") { Description = "Log lines on stderr: text or json", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var maxDeletionShare = new Option<double>("--max-deletion-share")
        {
            Description = "Hold a revision that deletes more than this share (0-1) of the objects on any cluster until approved",
            DefaultValueFactory = _ => new HubLimits().MaxDeletionShare,
        };
        var tlsCert = new Option<string?>("--tls-cert-file")
        {
            Description = "PEM certificate (then intermediates) for an https:// --listen; without it the hub CA issues one for the --gateway-name names",
        };
        var tlsKey = new Option<string?>("--tls-key-file") { Description = "Unencrypted PEM private key of --tls-cert-file" };
        var (auditRetention, auditMaxEntries) = AuditOptions();
        var (gatewayUrl, joinTokenTtl) = JoinOptions();
        var command = new Command("hub", """
            Run the hub: follow a fleet repo, render every cluster on each new commit, store desired state, serve the REST API.
            Prints the admin API token once, at first start. Logs go to stderr. /metrics and /healthz need no token.

            Examples:
              edgeplane hub --repo ./fleet --data /var/lib/edgeplane
              EDGEPLANE_REPO_PASSWORD=… edgeplane hub --repo https://git.example.com/platform/fleet.git --branch main \
                --store postgres://edgeplane:secret@db:5432/edgeplane --listen https://0.0.0.0:8443 \
                --gateway-listen https://0.0.0.0:7443 --gateway-name hub.example.com
              edgeplane hub --repo ssh://git@git.example.com/platform/fleet.git --repo-credentials-file /etc/edgeplane/repo.credentials
              edgeplane hub --repo ./fleet --oidc-issuer https://dex.example.com/dex --oidc-audience edgeplane --oidc-admin-group platform

            Credentials never go into logs, API answers, audit or errors; a password written into --repo is used but hidden
            (prefer the file or the environment: a command line is visible to every local user).
            """);
        foreach (var option in new Option[] { repo, branch, data, store, listen, gatewayListen, gatewayNames, poll, secretFile, logFormat,
            credentialsFile, maxDeletionShare, tlsCert, tlsKey, auditRetention, auditMaxEntries, gatewayUrl, joinTokenTtl })
        {
            command.Options.Add(option);
        }
        var oidc = new OidcFlags();
        oidc.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            RepoCredentials? credentials;
            string? webhookSecret;
            OidcOptions? oidcOptions;
            Hub.AuditOptions audit;
            TimeSpan joinTtl;
            try
            {
                audit = Audit(parse, auditRetention, auditMaxEntries);
                joinTtl = JoinTokenTtl(parse, joinTokenTtl);
                credentials = Credentials(parse.GetValue(credentialsFile));
                webhookSecret = WebhookSecret(parse.GetValue(secretFile));
                oidcOptions = oidc.Read(parse);
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var options = new HubOptions
            {
                Repo = parse.GetRequiredValue(repo),
                Branch = parse.GetRequiredValue(branch),
                DataDirectory = parse.GetRequiredValue(data),
                Store = parse.GetValue(store),
                Listen = parse.GetRequiredValue(listen),
                GatewayListen = parse.GetRequiredValue(gatewayListen) is "none" ? null : parse.GetRequiredValue(gatewayListen),
                GatewayHostNames = parse.GetValue(gatewayNames) is { Length: > 0 } names ? names : null,
                GatewayUrl = parse.GetValue(gatewayUrl),
                JoinTokenTtl = joinTtl,
                PollInterval = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(poll))),
                WebhookSecret = webhookSecret,
                RepoCredentials = credentials,
                Limits = new HubLimits { MaxDeletionShare = parse.GetValue(maxDeletionShare) },
                TlsCertificateFile = parse.GetValue(tlsCert),
                TlsKeyFile = parse.GetValue(tlsKey),
                Oidc = oidcOptions,
                Audit = audit,
                AdminTokenCreated = token => output.WriteLine(
                    $"Admin API token (shown once; store it now): {token}{Environment.NewLine}  edgeplane login --hub <url> --token {token}"),
            };
            return await RunAsync(options, parse.GetRequiredValue(logFormat), output, parse.InvocationConfiguration.Error, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(HubOptions options, string logFormat, TextWriter output, TextWriter error, CancellationToken ct)
    {
        WebApplication app;
        try
        {
            app = HubApplication.Build(options, [], builder => ProcessLogging.Configure(builder.Logging, logFormat));
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (PrivateFileException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await error.WriteLineAsync($"error: the hub could not start: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }
            await output.WriteLineAsync($"Hub listening on {string.Join(", ", app.Urls)}").ConfigureAwait(false);
            if (HubCaNotice(options) is { } notice)
            {
                await output.WriteLineAsync(notice).ConfigureAwait(false);
            }
            await output.FlushAsync(ct).ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    /// <summary>The credentials file wins; otherwise the environment; otherwise none (a password may still be in --repo).</summary>
    private static RepoCredentials? Credentials(FileInfo? file)
    {
        if (file is not null)
        {
            return RepoCredentials.ReadFile(file.FullName);
        }
        var (user, password) = (Environment.GetEnvironmentVariable("EDGEPLANE_REPO_USERNAME"), Environment.GetEnvironmentVariable("EDGEPLANE_REPO_PASSWORD"));
        return user is null && password is null ? null : new RepoCredentials { Username = user, Password = password };
    }

    /// <summary>Where API clients find the CA to trust, when the REST listener serves a hub-CA-issued certificate.</summary>
    internal static string? HubCaNotice(HubOptions options) => HubApplication.HubCaCertificateFile(options) is { } ca
        ? $"REST API certificate issued by the hub CA for {string.Join(", ", HubApplication.HubIssuedCertificateNames(options))} " +
          $"(more names: --gateway-name). Clients trust it with: edgeplane login --hub <https url> --ca-file {ca}"
        : null;

    private static string? WebhookSecret(FileInfo? file) =>
        file is not null ? PrivateFiles.ReadSecret(file.FullName, "webhook secret file") : Environment.GetEnvironmentVariable("EDGEPLANE_WEBHOOK_SECRET");
}
