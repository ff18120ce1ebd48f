using System.Text;

namespace Edgeplane.KubeSim.Hosting;

/// <summary>Writes a kubeconfig with one cluster, user and context per virtual cluster (context named like the cluster).</summary>
internal static class KubeconfigWriter
{
    /// <summary>The bearer token in written kubeconfigs; KubeSim does not authenticate, kubectl just needs a user.</summary>
    public const string Token = "kubesim";

    public static string Render(IEnumerable<(string Name, Uri Server)> clusters, string? currentContext)
    {
        var list = clusters.ToList();
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1");
        text.AppendLine("kind: Config");
        text.AppendLine("preferences: {}");
        text.AppendLine("clusters:");
        foreach (var (name, server) in list)
        {
            text.AppendLine($"- name: {name}");
            text.AppendLine("  cluster:");
            text.AppendLine($"    server: {server.ToString().TrimEnd('/')}");
        }
        text.AppendLine("users:");
        text.AppendLine("- name: kubesim");
        text.AppendLine("  user:");
        text.AppendLine($"    token: {Token}");
        text.AppendLine("contexts:");
        foreach (var (name, _) in list)
        {
            text.AppendLine($"- name: {name}");
            text.AppendLine("  context:");
            text.AppendLine($"    cluster: {name}");
            text.AppendLine("    user: kubesim");
        }
        text.AppendLine($"current-context: {currentContext ?? list.FirstOrDefault().Name ?? "\"\""}");
        return text.ToString();
    }
}
