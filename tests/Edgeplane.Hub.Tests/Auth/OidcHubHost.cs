using System.Net.Http.Headers;
using System.Security.Claims;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>
/// A real hub on Kestrel port 0 that accepts JWTs from a <see cref="TestOidcProvider"/>, with a fake workspace
/// directory and a test-only <c>GET /test/principal</c> that shows the principal the hub built.
/// </summary>
internal sealed class OidcHubHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _temp;
    private readonly TestRepo _repo;

    private OidcHubHost(WebApplication app, TempDirectory temp, TestRepo repo, FakeTimeProvider time, string adminToken)
    {
        _app = app;
        _temp = temp;
        _repo = repo;
        Time = time;
        AdminToken = adminToken;
        BaseAddress = new Uri(app.Urls.First());
    }

    public FakeTimeProvider Time { get; }

    public string AdminToken { get; }

    public Uri BaseAddress { get; }

    public static async Task<OidcHubHost> StartAsync(TestOidcProvider provider, IWorkspaceDirectory? directory = null,
        Func<OidcOptions, OidcOptions>? configure = null)
    {
        var temp = new TempDirectory();
        var repo = TestRepo.FromFixture(temp.Sub("repo"), "fleet", out _);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var oidc = new OidcOptions { Issuer = provider.Issuer, Audience = TestOidcProvider.Audience, AdminGroups = ["platform"], ViewerGroups = ["auditors"] };
        string? created = null;
        var options = HubHost.Options(repo.Path, temp.Sub("data"), null) with
        {
            Listen = "http://127.0.0.1:0", AdminTokenCreated = t => created = t, Oidc = configure?.Invoke(oidc) ?? oidc,
        };
        var app = HubApplication.Build(options, [], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddSingleton<IRevisionCompiler>(new TestFleetCompiler());
            builder.Services.RemoveAll<IWorkspaceDirectory>();
            if (directory is not null)
            {
                builder.Services.AddSingleton(directory);
            }
        }, app => app.MapGet("/test/principal", Principal).RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()));
        await app.StartAsync();
        return new OidcHubHost(app, temp, repo, time, created ?? throw new InvalidOperationException("no admin token was created"));
    }

    /// <summary>A client that sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _repo.Dispose();
        _temp.Dispose();
    }

    private static PrincipalView Principal(ClaimsPrincipal user) => new(
        user.Identity?.Name, user.FindFirst(HubClaims.Method)?.Value, user.FindFirst(HubClaims.OidcSubject)?.Value,
        [.. user.FindAll(HubClaims.Grant).Select(c => c.Value).Order(StringComparer.Ordinal)],
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)]);
}
