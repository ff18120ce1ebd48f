using System.Text.Json.Nodes;

namespace Edgeplane.Benchmarks.KubeSim;

/// <summary>
/// A rendered-bundle-like object set for one site (76 objects): 2 CRDs, 2 namespaces, 20 Deployments, 20 Services,
/// 28 ConfigMaps, 2 custom resources and 2 Flux HelmReleases. Shapes follow what the example fleet renders.
/// </summary>
internal static class Bundle
{
    public static IEnumerable<(string Group, string Version, string Plural, string? Namespace, JsonObject Body)> Objects()
    {
        yield return ("apiextensions.k8s.io", "v1", "customresourcedefinitions", null, Crd("example.com", "Widget", "widgets"));
        yield return ("apiextensions.k8s.io", "v1", "customresourcedefinitions", null, Crd("helm.toolkit.fluxcd.io", "HelmRelease", "helmreleases", "v2"));
        foreach (var ns in new[] { "apps", "monitoring" })
        {
            yield return ("", "v1", "namespaces", null, Meta("v1", "Namespace", ns, null));
        }
        for (var i = 0; i < 20; i++)
        {
            yield return ("apps", "v1", "deployments", "apps", Deployment($"svc-{i}"));
            yield return ("", "v1", "services", "apps", Service($"svc-{i}"));
        }
        for (var i = 0; i < 28; i++)
        {
            yield return ("", "v1", "configmaps", i % 2 == 0 ? "apps" : "monitoring", ConfigMap($"config-{i}", i, i % 2 == 0 ? "apps" : "monitoring"));
        }
        for (var i = 0; i < 2; i++)
        {
            var widget = Meta("example.com/v1", "Widget", $"widget-{i}", "apps");
            widget["spec"] = new JsonObject { ["size"] = i + 1 };
            yield return ("example.com", "v1", "widgets", "apps", widget);
            var release = Meta("helm.toolkit.fluxcd.io/v2", "HelmRelease", $"addon-{i}", "monitoring");
            release["spec"] = JsonNode.Parse("""{"interval":"10m","chart":{"spec":{"chart":"agent","version":"1.2.3","sourceRef":{"kind":"HelmRepository","name":"charts"}}},"values":{"replicas":2,"resources":{"limits":{"memory":"128Mi"}}}}""");
            yield return ("helm.toolkit.fluxcd.io", "v2", "helmreleases", "monitoring", release);
        }
    }

    public static JsonObject ConfigMap(string name, int value, string ns = "default")
    {
        var cm = Meta("v1", "ConfigMap", name, ns);
        cm["data"] = new JsonObject
        {
            ["app.properties"] = $"log.level=info\nfeature.flag={value % 2 == 0}\nendpoint=https://api.example.com/v{value}\n",
            ["value"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return cm;
    }

    private static JsonObject Meta(string apiVersion, string kind, string name, string? ns)
    {
        var meta = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "edgeplane", ["edgeplane.dev/bundle"] = "site-baseline" },
            ["annotations"] = new JsonObject { ["edgeplane.dev/digest"] = "sha256:4f1c2a9d0e7b6a5c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c" },
        };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = meta };
    }

    private static JsonObject Deployment(string name)
    {
        var deployment = Meta("apps/v1", "Deployment", name, "apps");
        deployment["spec"] = JsonNode.Parse("""
            {"replicas":2,"selector":{"matchLabels":{"app":"__NAME__"}},
             "template":{"metadata":{"labels":{"app":"__NAME__"}},
               "spec":{"containers":[{"name":"app","image":"registry.example.com/__NAME__:1.4.2",
                 "ports":[{"containerPort":8080,"name":"http"}],
                 "env":[{"name":"LOG_LEVEL","value":"info"},{"name":"SITE","value":"edge"}],
                 "resources":{"requests":{"cpu":"50m","memory":"64Mi"},"limits":{"memory":"128Mi"}},
                 "readinessProbe":{"httpGet":{"path":"/healthz","port":8080}}}]}}}
            """.Replace("__NAME__", name, StringComparison.Ordinal));
        return deployment;
    }

    private static JsonObject Service(string name)
    {
        var service = Meta("v1", "Service", name, "apps");
        service["spec"] = JsonNode.Parse("""{"selector":{"app":"__NAME__"},"ports":[{"name":"http","port":80,"targetPort":8080}]}""".Replace("__NAME__", name, StringComparison.Ordinal));
        return service;
    }

    private static JsonObject Crd(string group, string kind, string plural, string version = "v1")
    {
        var crd = Meta("apiextensions.k8s.io/v1", "CustomResourceDefinition", $"{plural}.{group}", null);
        crd["spec"] = JsonNode.Parse("""
            {"group":"__GROUP__","scope":"Namespaced",
             "names":{"kind":"__KIND__","plural":"__PLURAL__","singular":"__SINGULAR__"},
             "versions":[{"name":"__VERSION__","served":true,"storage":true,"subresources":{"status":{}},
               "schema":{"openAPIV3Schema":{"type":"object","properties":{
                 "spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
                 "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}]}
            """.Replace("__GROUP__", group, StringComparison.Ordinal).Replace("__KIND__", kind, StringComparison.Ordinal)
            .Replace("__PLURAL__", plural, StringComparison.Ordinal).Replace("__SINGULAR__", kind.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("__VERSION__", version, StringComparison.Ordinal));
        return crd;
    }
}
