using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Api;

/// <summary>Builds <c>meta/v1 Status</c> objects in the shape kube-apiserver returns them.</summary>
internal static class StatusWriter
{
    public static JsonObject Failure(ApiException error)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = error.Message,
            ["reason"] = error.Reason,
        };
        var details = Details(error);
        if (details.Count > 0)
        {
            status["details"] = details;
        }
        status["code"] = error.Code;
        return status;
    }

    public static JsonObject Success(string name, string group, string kind, string? uid)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }
        details["kind"] = kind;
        if (uid is not null)
        {
            details["uid"] = uid;
        }
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static JsonObject Details(ApiException error)
    {
        var details = new JsonObject();
        if (error.Name is not null)
        {
            details["name"] = error.Name;
        }
        if (!string.IsNullOrEmpty(error.Group))
        {
            details["group"] = error.Group;
        }
        if (error.Kind is not null)
        {
            details["kind"] = error.Kind;
        }
        if (error.Causes.Count > 0)
        {
            details["causes"] = JsonUtil.ToArray(error.Causes.Select(Cause));
        }
        if (error.RetryAfterSeconds is { } retry)
        {
            details["retryAfterSeconds"] = retry;
        }
        return details;
    }

    private static JsonNode Cause(StatusCause cause)
    {
        var node = new JsonObject { ["reason"] = cause.Reason, ["message"] = cause.Message };
        if (cause.Field is not null)
        {
            node["field"] = cause.Field;
        }
        return node;
    }
}
