using System.Text.Json.Nodes;
using Edgeplane.Model.Yaml;
using Edgeplane.Protocol.Security;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// <c>edgeplane agent --in-cluster</c>: the agent reaches the API server of the cluster it runs in as its pod's
/// ServiceAccount, the way client-go's in-cluster config does: the server from <c>$KUBERNETES_SERVICE_HOST</c> and
/// <c>$KUBERNETES_SERVICE_PORT</c> (no cluster DNS needed, so it works before a CNI is installed), its CA from the
/// ServiceAccount folder, its token through <c>edgeplane agent credential</c> (read again as the kubelet rotates it). The
/// agent takes a kubeconfig file, so one is written into the state folder (0600).
/// </summary>
internal static class AgentInCluster
{
    /// <summary>Where the kubelet mounts the pod's ServiceAccount token and CA.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The kubeconfig's file name in the state folder.</summary>
    public const string KubeconfigFile = "in-cluster.kubeconfig";

    /// <summary>
    /// Writes the kubeconfig into <paramref name="state"/> (created 0700 when missing) and returns its path. Throws
    /// <see cref="InvalidOperationException"/> outside a pod (no service variables, no ServiceAccount CA).
    /// </summary>
    public static string WriteKubeconfig(string state, Func<string, string?> environment, string serviceAccount = ServiceAccountDirectory)
    {
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrWhiteSpace(host) || !int.TryParse(port, out var number) || number is < 1 or > 65535)
        {
            throw new InvalidOperationException("--in-cluster: $KUBERNETES_SERVICE_HOST and $KUBERNETES_SERVICE_PORT do not name an API server: " +
                "this is not a Kubernetes pod; use --kubeconfig FILE");
        }
        var ca = Path.Combine(serviceAccount, "ca.crt");
        if (!File.Exists(ca))
        {
            throw new InvalidOperationException($"--in-cluster: the ServiceAccount CA '{ca}' is missing: the pod mounts no ServiceAccount token " +
                "(automountServiceAccountToken: false?)");
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(state);
        }
        else if (!Directory.Exists(state))
        {
            Directory.CreateDirectory(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var path = Path.Combine(state, KubeconfigFile);
        PrivateFiles.WriteAtomically(path, YamlWriter.Write(Kubeconfig(new UriBuilder(Uri.UriSchemeHttps, host, number).Uri, ca,
            Path.Combine(serviceAccount, "token"))));
        return path;
    }

    private static JsonObject Kubeconfig(Uri server, string ca, string token) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Config",
        ["clusters"] = new JsonArray(new JsonObject
        {
            ["name"] = "in-cluster",
            ["cluster"] = new JsonObject { ["server"] = server.GetLeftPart(UriPartial.Authority), ["certificate-authority"] = ca },
        }),
        ["users"] = new JsonArray(new JsonObject
        {
            ["name"] = "service-account",
            ["user"] = new JsonObject
            {
                ["exec"] = new JsonObject
                {
                    ["apiVersion"] = "client.authentication.k8s.io/v1",
                    ["command"] = Self(),
                    ["args"] = new JsonArray("agent", "credential", "--token-file", token),
                    ["interactiveMode"] = "Never",
                },
            },
        }),
        ["contexts"] = new JsonArray(new JsonObject
        {
            ["name"] = "in-cluster",
            ["context"] = new JsonObject { ["cluster"] = "in-cluster", ["user"] = "service-account" },
        }),
        ["current-context"] = "in-cluster",
    };

    /// <summary>This binary when it is the <c>edgeplane</c> executable (the image's), else the name looked up on the PATH.</summary>
    private static string Self() =>
        Environment.ProcessPath is { } path && Path.GetFileName(path) == "edgeplane" ? path : "edgeplane";
}
