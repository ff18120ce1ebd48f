using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// <c>edgeplane agent credential</c>: a Kubernetes exec credential plugin for the agent's pod. It prints an
/// <c>ExecCredential</c> with the ServiceAccount token the kubelet projects (and rotates) into the pod, stamped to expire
/// after <see cref="Lifetime"/>, so the client runs it again and picks up a rotated token.
/// </summary>
internal static class AgentCredentialCommand
{
    /// <summary>Where the kubelet projects the pod's ServiceAccount token.</summary>
    public const string ServiceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>How long a printed credential is used before the plugin runs again (the kubelet rotates tokens well before they expire).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Largest token file read.</summary>
    private const int MaxTokenBytes = 64 * 1024;

    public static Command Create(TimeProvider time)
    {
        var tokenFile = new Option<FileInfo>("--token-file")
        {
            Description = "The ServiceAccount token file",
            DefaultValueFactory = _ => new FileInfo(ServiceAccountToken),
        };
        var command = new Command("credential", """
            Print a client.authentication.k8s.io/v1 ExecCredential holding the pod's ServiceAccount token: the exec credential
            plugin of the in-cluster kubeconfig that 'edgeplane agent manifest' installs. Exit codes: 0 printed, 1 the token
            file is missing, empty or too large.

            Example:
              edgeplane agent credential --token-file /var/run/secrets/kubernetes.io/serviceaccount/token
            """);
        command.Options.Add(tokenFile);
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(tokenFile);
            string token;
            try
            {
                token = file.Length <= MaxTokenBytes ? (await File.ReadAllTextAsync(file.FullName, ct).ConfigureAwait(false)).Trim() : "";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: cannot read the ServiceAccount token '{file.FullName}': {e.Message}")
                    .ConfigureAwait(false);
                return ExitCodes.Invalid;
            }
            if (token.Length == 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"error: the ServiceAccount token '{file.FullName}' is empty or over {MaxTokenBytes} bytes").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }
            var expires = (time.GetUtcNow() + Lifetime).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            await parse.InvocationConfiguration.Output.WriteLineAsync(new JsonObject
            {
                ["apiVersion"] = "client.authentication.k8s.io/v1",
                ["kind"] = "ExecCredential",
                ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = expires },
            }.ToJsonString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
