namespace Edgeplane.KubeSim;

/// <summary>
/// A Helm chart KubeSim's simulated Flux helm-controller can install, as a chart repository on the network serves it:
/// the repository URL and chart name a HelmRelease's source names (an <c>https://</c> HelmRepository's <c>spec.url</c>
/// and <c>spec.chart.spec.chart</c>; for an <c>oci://</c> OCIRepository, its URL without the last segment and that
/// segment), a version, and the manifests the chart renders: multi-document YAML used as written (no templating, no
/// values), each object with apiVersion, kind and metadata.name. Register charts with
/// <see cref="KubeSimOptions.Charts"/> or <see cref="KubeSimServer.AddChart"/>.
/// </summary>
/// <param name="Repository">e.g. <c>https://charts.example.net</c> or <c>oci://ghcr.io/acme/charts</c>.</param>
/// <param name="Name">The chart name, e.g. <c>grants</c>.</param>
/// <param name="Version">The chart version a HelmRelease asks for, e.g. <c>1.0.0</c>.</param>
/// <param name="Manifests">The rendered objects, YAML documents separated by <c>---</c>.</param>
public sealed record SimulatedChart(string Repository, string Name, string Version, string Manifests);
