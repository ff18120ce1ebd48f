using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace Edgeplane.Kubernetes;

/// <summary>
/// Reads a kubeconfig as kubectl does. The official client refuses a context whose user carries no credentials at all
/// (<c>user: {}</c>); kubectl accepts it and talks to the API server anonymously, and so does this: such a context gets
/// a configuration with the server, its CA and TLS settings and no credentials. Every other context is the client's own
/// <see cref="KubernetesClientConfiguration.BuildConfigFromConfigObject"/>.
/// </summary>
public static class Kubeconfig
{
    /// <summary>
    /// The client configuration of <paramref name="context"/> (the file's current context when null) in the kubeconfig at
    /// <paramref name="path"/>. Throws <see cref="KubeConfigException"/> for a context, cluster or user that is missing or
    /// unusable, and <see cref="IOException"/> when the file cannot be read.
    /// </summary>
    public static KubernetesClientConfiguration Load(string path, string? context = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"kubeconfig '{path}' does not exist", path);
        }
        var config = KubernetesClientConfiguration.LoadKubeConfig(file);
        return Anonymous(config, context) ?? KubernetesClientConfiguration.BuildConfigFromConfigObject(config, context);
    }

    /// <summary>The configuration of a context whose user has no credentials; null for any other context.</summary>
    private static KubernetesClientConfiguration? Anonymous(K8SConfiguration config, string? contextName)
    {
        var name = contextName ?? config.CurrentContext;
        var context = config.Contexts?.FirstOrDefault(c => c.Name == name)?.ContextDetails;
        if (context is null)
        {
            return null; // the client says what is missing
        }
        var user = config.Users?.FirstOrDefault(u => u.Name == context.User)?.UserCredentials;
        var cluster = config.Clusters?.FirstOrDefault(c => c.Name == context.Cluster)?.ClusterEndpoint;
        if (cluster?.Server is not { Length: > 0 } server || (user is not null && HasCredentials(user)))
        {
            return null;
        }
        var result = new KubernetesClientConfiguration
        {
            Host = server,
            Namespace = context.Namespace,
            SkipTlsVerify = cluster.SkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
        };
        if (cluster.CertificateAuthorityData is { Length: > 0 } data)
        {
            result.SslCaCerts = [X509CertificateLoader.LoadCertificate(Convert.FromBase64String(data))];
        }
        else if (cluster.CertificateAuthority is { Length: > 0 } caFile)
        {
            result.SslCaCerts = [X509CertificateLoader.LoadCertificateFromFile(caFile)];
        }
        return result;
    }

    private static bool HasCredentials(UserCredentials user) =>
        !string.IsNullOrEmpty(user.Token)
        || !string.IsNullOrEmpty(user.ClientCertificateData) || !string.IsNullOrEmpty(user.ClientCertificate)
        || !string.IsNullOrEmpty(user.ClientKeyData) || !string.IsNullOrEmpty(user.ClientKey)
        || !string.IsNullOrEmpty(user.UserName) || !string.IsNullOrEmpty(user.Password)
        || user.AuthProvider is not null || user.ExternalExecution is not null;
}
