using System.Text.Json;

namespace Edgeplane.Cli.HubClient;

/// <summary>A device authorization answer (RFC 8628 §3.2).</summary>
internal sealed record DeviceCode(string Code, string UserCode, string VerificationUri, string? VerificationUriComplete, TimeSpan? ExpiresIn, TimeSpan? Interval)
{
    public static DeviceCode Read(JsonElement answer)
    {
        string? Text(string name) => answer.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        TimeSpan? Seconds(string name) => answer.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var s) && s >= 0
            ? TimeSpan.FromSeconds(s) : null;
        return Text("device_code") is { Length: > 0 } code && Text("user_code") is { Length: > 0 } user
            && (Text("verification_uri") ?? Text("verification_url")) is { Length: > 0 } uri
            ? new DeviceCode(code, user, uri, Text("verification_uri_complete"), Seconds("expires_in"), Seconds("interval"))
            : throw new HubClientException("the issuer's device authorization answer lacks device_code, user_code or verification_uri");
    }
}
