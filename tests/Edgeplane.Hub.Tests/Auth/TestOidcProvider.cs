using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>
/// A small OpenID Connect provider on Kestrel at 127.0.0.1:0: a discovery document, a JWKS of the keys it currently
/// publishes (RSA, rotatable), tokens minted with any claims and any key, the device authorization grant
/// (<see cref="Device"/>) and the browser's authorization code flow with PKCE (<see cref="Browser"/>). Real HTTP, so the
/// hub's JwtBearer, the CLI's login and the dashboard in Chromium talk to it as to Dex.
/// </summary>
internal sealed partial class TestOidcProvider : IAsyncDisposable
{
    public const string Audience = "edgeplane";
    private readonly WebApplication _app;
    private readonly List<TestSigningKey> _published = [];
    private readonly List<TestSigningKey> _all = [];
    private int _jwksReads;

    private TestOidcProvider(WebApplication app)
    {
        _app = app;
        Issuer = app.Urls.First().TrimEnd('/') + "/dex";
    }

    /// <summary>The issuer URL (with a path, as Dex serves it).</summary>
    public string Issuer { get; }

    /// <summary>The key tokens are signed with by default: the newest published one.</summary>
    public TestSigningKey Key { get { lock (_published) { return _published[^1]; } } }

    /// <summary>How many times the JWKS was read.</summary>
    public int JwksReads => Volatile.Read(ref _jwksReads);

    public TestDeviceFlow Device { get; } = new();

    public TestBrowserFlow Browser { get; } = new();

    /// <summary>The issuer the discovery document names (default <see cref="Issuer"/>): another one is a mix-up the hub must refuse.</summary>
    public string? AdvertisedIssuer { get; set; }

    /// <summary>While true, discovery and JWKS answer 503.</summary>
    public bool Down { get; set; }

    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestOidcProvider? provider = null;
        app.Use((context, next) => provider is null ? next() : provider.Browser.CorsAsync(context, next));
        app.MapGet("/dex/.well-known/openid-configuration", () => provider!.Down ? Results.StatusCode(503) : Results.Json(provider.Discovery()));
        app.MapGet("/dex/keys", () => provider!.Down ? Results.StatusCode(503) : provider.Jwks());
        app.MapPost("/dex/device/code", (HttpRequest request) => provider!.Device.AuthorizeAsync(request, provider.Issuer));
        app.MapPost("/dex/token", async (HttpRequest request) => (await request.ReadFormAsync())["grant_type"] == "authorization_code"
            ? provider!.Browser.Token(await request.ReadFormAsync(), provider)
            : await provider!.Device.TokenAsync(request, provider));
        app.MapGet("/dex/auth", (HttpRequest request) => provider!.Browser.Authorize(request, provider.Issuer));
        app.MapPost("/dex/auth", (HttpRequest request) => provider!.Browser.DecideAsync(request, provider.Issuer));
        await app.StartAsync();
        provider = new TestOidcProvider(app);
        provider.Rotate();
        return provider;
    }

    /// <summary>Publishes a new key and withdraws every older one (they can still sign, as a thief's copy would); returns the new key.</summary>
    public TestSigningKey Rotate()
    {
        var key = TestSigningKey.Create();
        lock (_published)
        {
            _published.Clear();
            _published.Add(key);
            _all.Add(key);
        }
        return key;
    }

    /// <summary>A signed token for <paramref name="email"/> in <paramref name="groups"/>, valid for an hour; <paramref name="edit"/> changes its claims.</summary>
    public string Mint(string? email = "ana@example.com", string[]? groups = null, Action<Dictionary<string, object>>? edit = null,
        SigningCredentials? signer = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = Audience, ["sub"] = "CiQ" + (email ?? "nobody"),
            ["iat"] = now.ToUnixTimeSeconds(), ["nbf"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        if (email is not null)
        {
            claims["email"] = email;
        }
        if (groups is not null)
        {
            claims["groups"] = groups;
        }
        edit?.Invoke(claims);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(JsonSerializer.Serialize(claims), signer ?? Key.Credentials);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with the claims of a valid one.</summary>
    public string MintUnsigned(string email)
    {
        var valid = new JsonWebToken(Mint(email));
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{valid.EncodedPayload}.";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        lock (_published)
        {
            _all.ForEach(k => k.Dispose());
        }
    }

    private Dictionary<string, object> Discovery() => new()
    {
        ["issuer"] = AdvertisedIssuer ?? Issuer,
        ["jwks_uri"] = Issuer + "/keys",
        ["token_endpoint"] = Issuer + "/token",
        ["device_authorization_endpoint"] = Issuer + "/device/code",
        ["authorization_endpoint"] = Issuer + "/auth",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["grant_types_supported"] = new[] { "authorization_code", "urn:ietf:params:oauth:grant-type:device_code", "refresh_token" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    };

    private IResult Jwks()
    {
        Interlocked.Increment(ref _jwksReads);
        lock (_published)
        {
            return Results.Json(new { keys = _published.Select(k => k.Jwk()).ToArray() });
        }
    }
}
