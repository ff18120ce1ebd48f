using System.Globalization;
using Edgeplane.KubeSim.Clusters;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.KubeSim.Api;

/// <summary>Typed access to the query parameters kube-apiserver understands; bad values are 400s.</summary>
internal sealed class QueryOptions(HttpContext context)
{
    public string? this[string name] => context.Request.Query.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : null;

    public bool Flag(string name) => this[name] is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    public bool DryRun => this["dryRun"] switch
    {
        null or "" => false,
        "All" => true,
        var other => throw ApiException.BadRequest($"Invalid dry run value \"{other}\": supported values are \"All\""),
    };

    public FieldValidationMode Validation => this["fieldValidation"] switch
    {
        null or "" or "Warn" => FieldValidationMode.Warn,
        "Strict" => FieldValidationMode.Strict,
        "Ignore" => FieldValidationMode.Ignore,
        var other => throw ApiException.BadRequest($"fieldValidation must be one of Ignore, Warn, Strict, not \"{other}\""),
    };

    public int Int(string name, int fallback)
    {
        var text = this[name];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw ApiException.BadRequest($"{name} must be a non-negative integer, not \"{text}\"");
    }

    /// <summary>The field manager: the parameter, else the User-Agent up to its first '/', as kube-apiserver does.</summary>
    public string Manager(bool required)
    {
        var manager = this["fieldManager"];
        if (string.IsNullOrEmpty(manager))
        {
            if (required)
            {
                throw ApiException.BadRequest("fieldManager is required for apply requests");
            }
            var agent = context.Request.Headers.UserAgent.ToString();
            manager = agent.Length == 0 ? "unknown" : agent.Split('/')[0];
        }
        if (manager.Length > VirtualCluster.MaxManagerLength)
        {
            throw ApiException.BadRequest($"fieldManager must be at most {VirtualCluster.MaxManagerLength} characters");
        }
        return manager;
    }

    public WriteOptions Write(bool apply) => new(DryRun, Manager(apply), Validation, Flag("force"));
}
