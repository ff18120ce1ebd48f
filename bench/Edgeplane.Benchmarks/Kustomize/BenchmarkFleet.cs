namespace Edgeplane.Benchmarks.Kustomize;

/// <summary>
/// Writes a synthetic fleet repo: one add-on (a namespace, RBAC, a Deployment, a Service and a ConfigMap generator)
/// and one per-site overlay per site: the add-on as base, a site patch, a ConfigMap generator merge, an image
/// override and site labels — the overlay the hub builds for every edge site on every commit.
/// </summary>
internal static class BenchmarkFleet
{
    public static string SiteDirectory(int site) => $"sites/site-{site:D5}";

    public static void Write(string root, int sites)
    {
        WriteFile(root, "addons/ingress/kustomization.yaml", """
            namespace: ingress
            resources:
            - namespace.yaml
            - rbac.yaml
            - controller.yaml
            configMapGenerator:
            - name: controller-config
              literals:
              - log-level=info
              - proxy-body-size=8m
              - keep-alive=75
            """);
        WriteFile(root, "addons/ingress/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ingress\n");
        WriteFile(root, "addons/ingress/rbac.yaml", Rbac);
        WriteFile(root, "addons/ingress/controller.yaml", Controller);
        for (var site = 0; site < sites; site++)
        {
            WriteSite(root, site);
        }
    }

    private static void WriteSite(string root, int site)
    {
        var dir = SiteDirectory(site);
        WriteFile(root, $"{dir}/kustomization.yaml", $"""
            resources:
            - ../../addons/ingress
            labels:
            - pairs:
                edgeplane.dev/site: site-{site:D5}
                edgeplane.dev/layer: edge
            images:
            - name: registry.k8s.io/ingress-nginx/controller
              newName: mirror.site-{site:D5}.local/ingress-nginx/controller
              newTag: v1.10.{site % 7}
            configMapGenerator:
            - name: controller-config
              behavior: merge
              literals:
              - site=site-{site:D5}
              - upstream-zone=zone-{site % 16}
            patches:
            - path: site-patch.yaml
            """);
        WriteFile(root, $"{dir}/site-patch.yaml", $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: controller
              namespace: ingress
            spec:
              replicas: {1 + (site % 3)}
              template:
                spec:
                  nodeSelector:
                    edgeplane.dev/site: site-{site:D5}
                  containers:
                  - name: controller
                    resources:
                      limits:
                        memory: {128 + (site % 4) * 64}Mi
            """);
    }

    private static void WriteFile(string root, string path, string content)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content + "\n");
    }

    private const string Rbac = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: controller
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: ingress-controller
        rules:
        - apiGroups: ["networking.k8s.io"]
          resources: [ingresses, ingressclasses]
          verbs: [get, list, watch]
        - apiGroups: [""]
          resources: [services, endpoints, secrets, configmaps]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: ingress-controller
        subjects:
        - kind: ServiceAccount
          name: controller
          namespace: ingress
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: ingress-controller
        """;

    private const string Controller = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: controller
          labels:
            app.kubernetes.io/name: ingress-controller
        spec:
          replicas: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: ingress-controller
          template:
            metadata:
              labels:
                app.kubernetes.io/name: ingress-controller
            spec:
              serviceAccountName: controller
              containers:
              - name: controller
                image: registry.k8s.io/ingress-nginx/controller:v1.10.0
                args:
                - /nginx-ingress-controller
                - --configmap=$(POD_NAMESPACE)/controller-config
                envFrom:
                - configMapRef:
                    name: controller-config
                ports:
                - containerPort: 80
                  name: http
                - containerPort: 443
                  name: https
                resources:
                  requests:
                    cpu: 100m
                    memory: 90Mi
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: controller
        spec:
          type: LoadBalancer
          selector:
            app.kubernetes.io/name: ingress-controller
          ports:
          - name: http
            port: 80
            targetPort: http
          - name: https
            port: 443
            targetPort: https
        """;
}
