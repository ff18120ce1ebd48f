using Microsoft.AspNetCore.Http;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>
/// The provider's side of the device authorization grant (RFC 8628 §3.1–3.5) and of refresh (RFC 6749 §6): the token
/// endpoint answers each device-code poll with the next scripted answer (<c>authorization_pending</c>, <c>slow_down</c>,
/// <c>access_denied</c>, <c>expired_token</c> or <c>ok</c>); the last answer repeats.
/// </summary>
internal sealed class TestDeviceFlow
{
    public const string DeviceCode = "device-code-1";
    public const string UserCode = "WDJB-MJHT";
    private readonly Queue<string> _answers = new(["ok"]);
    private readonly object _gate = new();
    private readonly List<string> _polls = [];

    /// <summary>Seconds the device code lives (<c>expires_in</c>) and the poll interval announced (<c>interval</c>).</summary>
    public int ExpiresIn { get; set; } = 600;

    public int Interval { get; set; } = 5;

    /// <summary>The claims of the id_token issued when the user approves (email, groups).</summary>
    public string Email { get; set; } = "ana@example.com";

    public string[] Groups { get; set; } = ["ran-team"];

    /// <summary>Seconds until an issued id_token expires (default 1 h).</summary>
    public int TokenLifetime { get; set; } = 3600;

    /// <summary>The grant types and client ids of every token-endpoint call, in order.</summary>
    public IReadOnlyList<string> Polls { get { lock (_gate) { return [.. _polls]; } } }

    public void Script(params string[] answers)
    {
        lock (_gate)
        {
            _answers.Clear();
            foreach (var answer in answers)
            {
                _answers.Enqueue(answer);
            }
        }
    }

    internal async Task<IResult> AuthorizeAsync(HttpRequest request, string issuer)
    {
        var form = await request.ReadFormAsync();
        return form["client_id"] != TestOidcProvider.Audience
            ? Results.Json(new { error = "invalid_client" }, statusCode: 401)
            : Results.Json(new
            {
                device_code = DeviceCode, user_code = UserCode, verification_uri = issuer + "/device",
                verification_uri_complete = issuer + "/device?user_code=" + UserCode, expires_in = ExpiresIn, interval = Interval,
            });
    }

    internal async Task<IResult> TokenAsync(HttpRequest request, TestOidcProvider provider)
    {
        var form = await request.ReadFormAsync();
        var grant = form["grant_type"].ToString();
        lock (_gate)
        {
            _polls.Add($"{grant} {form["client_id"]}");
        }
        if (grant == "refresh_token")
        {
            return form["refresh_token"] == "refresh-1" ? Issued(provider, "refresh-2") : Error("invalid_grant");
        }
        if (grant != "urn:ietf:params:oauth:grant-type:device_code" || form["device_code"] != DeviceCode)
        {
            return Error("invalid_grant");
        }
        return Next() is "ok" ? Issued(provider, "refresh-1") : Error(Next(dequeue: true));
    }

    private string Next(bool dequeue = false)
    {
        lock (_gate)
        {
            return dequeue && _answers.Count > 1 ? _answers.Dequeue() : _answers.Peek();
        }
    }

    private IResult Issued(TestOidcProvider provider, string refresh)
    {
        var exp = DateTimeOffset.UtcNow.AddSeconds(TokenLifetime).ToUnixTimeSeconds();
        var idToken = provider.Mint(Email, Groups, c => c["exp"] = exp);
        return Results.Json(new { access_token = "opaque-access", token_type = "bearer", expires_in = TokenLifetime, id_token = idToken, refresh_token = refresh });
    }

    private static IResult Error(string error) => Results.Json(new { error, error_description = $"test provider says {error}" }, statusCode: 400);
}
