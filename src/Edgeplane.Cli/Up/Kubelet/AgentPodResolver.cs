using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Edgeplane.Cli.Commands;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Edgeplane.Cli.Up.Kubelet;

/// <summary>
/// Reads an agent Deployment the way a kubelet starts its container: the container running <c>edgeplane agent</c>, its
/// environment (literal values, <c>secretKeyRef</c>, <c>configMapKeyRef</c>), <c>$(VAR)</c> expanded in its arguments,
/// and those arguments parsed by the <c>edgeplane agent</c> command itself. Throws <see cref="KubeletException"/> saying
/// what keeps it from running.
/// </summary>
internal static class AgentPodResolver
{
    /// <summary>The environment variable <c>edgeplane agent</c> reads the bootstrap token from.</summary>
    public const string TokenVariable = "EDGEPLANE_BOOTSTRAP_TOKEN";

    public static async Task<AgentPod> ResolveAsync(string virtualCluster, V1Deployment deployment, IKubernetes client, CancellationToken cancellationToken)
    {
        var template = deployment.Spec?.Template ?? throw new KubeletException("the Deployment has no pod template");
        var container = template.Spec?.Containers?.FirstOrDefault(IsAgent)
            ?? throw new KubeletException("the Deployment has no container running 'edgeplane agent'");
        var ns = deployment.Metadata.NamespaceProperty ?? "default";
        var env = await EnvironmentAsync(container, ns, client, cancellationToken).ConfigureAwait(false);
        var args = (container.Command ?? []).Concat(container.Args ?? []).Skip(1).Select(a => Expand(a, env)).ToArray();
        var root = new RootCommand();
        root.Subcommands.Add(AgentCommand.Create());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            throw new KubeletException($"its arguments do not parse: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }
        var hubText = parse.GetValue<string>("--hub") ?? "";
        if (!Uri.TryCreate(hubText, UriKind.Absolute, out var hub) || hub.Scheme != Uri.UriSchemeHttps)
        {
            throw new KubeletException($"--hub '{hubText}' is not an https:// URL");
        }
        if (parse.GetValue<FileInfo?>("--token-file") is { } file)
        {
            throw new KubeletException($"--token-file '{file}' names a file in the pod's volumes; up's kubelet reads the token from --token or ${TokenVariable}");
        }
        var token = parse.GetValue<string?>("--token") ?? env.GetValueOrDefault(TokenVariable);
        var cluster = parse.GetValue<string?>("--cluster") ?? virtualCluster;
        return new AgentPod(virtualCluster, cluster, hub, token, Hash(template));
    }

    private static bool IsAgent(V1Container container)
    {
        var line = (container.Command ?? []).Concat(container.Args ?? []).ToList();
        return line.Count >= 2 && Path.GetFileName(line[0]) == AgentPodBinary && line[1] == "agent";
    }

    private const string AgentPodBinary = "edgeplane";

    /// <summary>The container's environment, in order; a later value may use an earlier one as <c>$(NAME)</c>.</summary>
    private static async Task<Dictionary<string, string>> EnvironmentAsync(V1Container container, string ns, IKubernetes client, CancellationToken cancellationToken)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            var value = variable.ValueFrom switch
            {
                null => Expand(variable.Value ?? "", env),
                { SecretKeyRef: { } secret } => await SecretAsync(client, ns, secret, cancellationToken).ConfigureAwait(false),
                { ConfigMapKeyRef: { } map } => await ConfigMapAsync(client, ns, map, cancellationToken).ConfigureAwait(false),
                _ => throw new KubeletException($"env {variable.Name}: up's kubelet resolves value, secretKeyRef and configMapKeyRef only"),
            };
            if (value is not null)
            {
                env[variable.Name] = value;
            }
        }
        return env;
    }

    private static async Task<string?> SecretAsync(IKubernetes client, string ns, V1SecretKeySelector selector, CancellationToken cancellationToken)
    {
        var secret = await ReadAsync(() => client.CoreV1.ReadNamespacedSecretAsync(selector.Name, ns, cancellationToken: cancellationToken),
            $"Secret {ns}/{selector.Name}", selector.Optional == true).ConfigureAwait(false);
        if (secret?.Data?.TryGetValue(selector.Key, out var bytes) == true)
        {
            return Encoding.UTF8.GetString(bytes);
        }
        return selector.Optional == true ? null : throw new KubeletException($"Secret {ns}/{selector.Name} has no key '{selector.Key}'");
    }

    private static async Task<string?> ConfigMapAsync(IKubernetes client, string ns, V1ConfigMapKeySelector selector, CancellationToken cancellationToken)
    {
        var map = await ReadAsync(() => client.CoreV1.ReadNamespacedConfigMapAsync(selector.Name, ns, cancellationToken: cancellationToken),
            $"ConfigMap {ns}/{selector.Name}", selector.Optional == true).ConfigureAwait(false);
        if (map?.Data?.TryGetValue(selector.Key, out var value) == true)
        {
            return value;
        }
        return selector.Optional == true ? null : throw new KubeletException($"ConfigMap {ns}/{selector.Name} has no key '{selector.Key}'");
    }

    private static async Task<T?> ReadAsync<T>(Func<Task<T>> read, string what, bool optional) where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return optional ? null : throw new KubeletException($"{what} does not exist (yet)");
        }
    }

    /// <summary>Kubernetes' <c>$(NAME)</c> expansion: a defined name is replaced, an undefined one stays, <c>$$</c> is a literal <c>$</c>.</summary>
    internal static string Expand(string text, IReadOnlyDictionary<string, string> env)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                result.Append('$');
                i++;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(' && text.IndexOf(')', i + 2) is var end and > 0
                && env.TryGetValue(text[(i + 2)..end], out var value))
            {
                result.Append(value);
                i = end;
            }
            else
            {
                result.Append(text[i]);
            }
        }
        return result.ToString();
    }

    private static string Hash(V1PodTemplateSpec template) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(template))));
}
