using System.Text.Json.Nodes;
using k8s.Autorest;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>Asserts on the Kubernetes Status a failed client call carried.</summary>
public static class ApiError
{
    public static async Task<JsonObject> StatusOf(Func<Task> call, int expectedCode)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(expectedCode, (int)error.Response.StatusCode);
        return JsonNode.Parse(error.Response.Content)!.AsObject();
    }
}
