using Edgeplane.KubeSim.Catalog;

namespace Edgeplane.KubeSim.Api;

/// <summary>A request failure that is answered with a Kubernetes <c>Status</c> object.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, string? name = null, string? group = null,
        string? kind = null, IReadOnlyList<StatusCause>? causes = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Name = name;
        Group = group;
        Kind = kind;
        Causes = causes ?? [];
    }

    public int Code { get; }

    public string Reason { get; }

    public string? Name { get; }

    public string? Group { get; }

    public string? Kind { get; }

    public IReadOnlyList<StatusCause> Causes { get; }

    public int? RetryAfterSeconds { get; init; }

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", name, type.Group, type.Plural);

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", ns, string.Empty, "namespaces");

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", name, type.Group, type.Plural);

    public static ApiException Conflict(ResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": {why}",
            name, type.Group, type.Plural);

    public static ApiException StaleResourceVersion(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<StatusCause> causes)
    {
        var detail = string.Join(", ", causes.Select(c => c.Field is null ? c.Message : $"{c.Field}: {c.Message}"));
        var message = causes.Count == 1 ? detail : $"[{detail}]";
        return new(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {message}", name, type.Group, type.Kind, causes);
    }

    public static ApiException Invalid(ResourceType type, string name, string field, string message) =>
        Invalid(type, name, [new StatusCause("FieldValueInvalid", message, field)]);

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Forbidden(ResourceType type, string name, string why) =>
        new(403, "Forbidden", $"{type.QualifiedResource} \"{name}\" is forbidden: {why}", name, type.Group, type.Plural);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format ({contentType}) - accepted media types include: {string.Join(", ", accepted)}");

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException TooManyRequests(int retryAfterSeconds) =>
        new(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later")
        {
            RetryAfterSeconds = retryAfterSeconds,
        };

    public static ApiException Internal(string message) => new(500, "InternalError", message);

    public static ApiException RouteNotFound(string path) =>
        new(404, "NotFound", $"the server could not find the requested resource ({path})");

    public static ApiException TooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"the request body is larger than the limit of {limit} bytes");
}
