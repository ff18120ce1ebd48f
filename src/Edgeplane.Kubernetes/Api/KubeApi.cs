using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Discovery;
using Edgeplane.Kubernetes.Objects;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Edgeplane.Kubernetes.Api;

/// <summary>
/// The few calls the engine makes, for any kind, over the official client's CustomObjects API (group "" maps to
/// /api/v1). Every call gets a per-attempt timeout and the retry policy, and fails with a <see cref="KubeApiException"/>.
/// </summary>
internal sealed partial class KubeApi(IKubernetes client, ClusterConnectionOptions options, RetryPolicy retry, TimeProvider time)
{
    private const string DryRunAll = "All";
    private const string Background = "Background";

    /// <summary>The live object, or null when it (or its kind) does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ResourceMapping type, ObjectRef obj, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync("get", obj, async token =>
            {
                using var response = type.Namespaced
                    ? await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(
                        type.Group, type.Version, obj.Namespace, type.Plural, obj.Name, cancellationToken: token).ConfigureAwait(false)
                    : await client.CustomObjects.GetClusterCustomObjectWithHttpMessagesAsync<JsonObject>(
                        type.Group, type.Version, type.Plural, obj.Name, cancellationToken: token).ConfigureAwait(false);
                return response.Body;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Server-side apply of <paramref name="body"/> (all of it: the fields it names become the manager's).</summary>
    public Task<JsonObject> ApplyAsync(ResourceMapping type, ObjectRef obj, JsonObject body, bool dryRun, bool force,
        CancellationToken cancellationToken)
    {
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch);
        var dryRunValue = dryRun ? DryRunAll : null;
        return CallAsync(dryRun ? "dry-run apply" : "apply", obj, async token =>
        {
            using var response = type.Namespaced
                ? await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(
                    patch, type.Group, type.Version, obj.Namespace, type.Plural, obj.Name, dryRunValue,
                    options.FieldManager, options.FieldValidation, force, cancellationToken: token).ConfigureAwait(false)
                : await client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync<JsonObject>(
                    patch, type.Group, type.Version, type.Plural, obj.Name, dryRunValue,
                    options.FieldManager, options.FieldValidation, force, cancellationToken: token).ConfigureAwait(false);
            return response.Body ?? throw new KubeApiException("apply", obj, (int)response.Response.StatusCode,
                KubeApiException.Reasons.BadResponse, "the server answered without an object");
        }, cancellationToken);
    }

    /// <summary>Deletes with Background propagation; false when the object was already gone.</summary>
    public async Task<bool> DeleteAsync(ResourceMapping type, ObjectRef obj, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync("delete", obj, async token =>
            {
                using var response = type.Namespaced
                    ? await client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(type.Group, type.Version,
                        obj.Namespace, type.Plural, obj.Name, propagationPolicy: Background, cancellationToken: token).ConfigureAwait(false)
                    : await client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(type.Group, type.Version,
                        type.Plural, obj.Name, propagationPolicy: Background, cancellationToken: token).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.StatusCode == 404)
        {
            return false;
        }
    }

    /// <summary>One page of a list (namespaced when <paramref name="ns"/> is set); the continue token is null on the last page.</summary>
    public Task<(JsonArray Items, string? Continue)> ListAsync(ResourceMapping type, string? ns, string? labelSelector, int limit,
        string? continueToken, CancellationToken cancellationToken) =>
        CallAsync("list", null, async token =>
        {
            using var response = ns is not null
                ? await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(type.Group, type.Version,
                    ns, type.Plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit,
                    cancellationToken: token).ConfigureAwait(false)
                : await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<JsonObject>(type.Group, type.Version,
                    type.Plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit,
                    cancellationToken: token).ConfigureAwait(false);
            var items = response.Body?["items"] as JsonArray ?? [];
            var next = ObjectJson.Str(ObjectJson.Path(response.Body, "metadata"), "continue");
            return (items, string.IsNullOrEmpty(next) ? null : next);
        }, cancellationToken);

    /// <summary>The resources of one group-version, or null when the server does not serve it.</summary>
    public async Task<V1APIResourceList?> GetResourcesAsync(string group, string version, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync("discover", null, async token =>
            {
                using var response = await client.CustomObjects.GetAPIResourcesWithHttpMessagesAsync(group, version,
                    cancellationToken: token).ConfigureAwait(false);
                return response.Body;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Every API group with its preferred version (/apis).</summary>
    public Task<V1APIGroupList> GetGroupsAsync(CancellationToken cancellationToken) =>
        CallAsync("discover", null, async token =>
        {
            using var response = await client.Apis.GetAPIVersionsWithHttpMessagesAsync(cancellationToken: token).ConfigureAwait(false);
            return response.Body;
        }, cancellationToken);

    private Task<T> CallAsync<T>(string verb, ObjectRef? obj, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        retry.ExecuteAsync(async token =>
        {
            using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
            try
            {
                return await call(linked.Token).ConfigureAwait(false);
            }
            catch (HttpOperationException ex)
            {
                throw Translate(verb, obj, ex, time.GetUtcNow());
            }
            catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
            {
                throw new KubeApiException(verb, obj, 0, KubeApiException.Reasons.Timeout,
                    $"no answer within {options.RequestTimeout.TotalSeconds:0.###}s", inner: ex);
            }
            catch (HttpRequestException ex)
            {
                throw new KubeApiException(verb, obj, 0, KubeApiException.Reasons.Unreachable, ex.Message, inner: ex);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new KubeApiException(verb, obj, 0, KubeApiException.Reasons.BadResponse, ex.Message, inner: ex);
            }
        }, cancellationToken);
}
