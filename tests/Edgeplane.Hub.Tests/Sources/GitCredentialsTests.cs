using System.Runtime.Versioning;
using System.Text;
using Edgeplane.Hub.Sources;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edgeplane.Hub.Tests.Sources;

/// <summary>
/// Issue #10, item 2: the hub authenticates to a real Git server (smart HTTP behind Basic auth, or ssh) and the secret
/// never appears in its logs, API answers, audit rows, metrics, error texts or the Git mirror's config.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class GitCredentialsTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly string _secret = "S3cret-" + Guid.NewGuid().ToString("N")[..10];
    private TestRepo _repo = null!;
    private string _sha = "";
    private SmartHttpGitServer _server = null!;

    public async Task InitializeAsync()
    {
        _repo = TestRepo.FromFixture(_temp.Sub("repo"), "fleet", out _sha);
        _server = await SmartHttpGitServer.StartAsync(_repo.Path, "alice", _secret);
    }

    [Fact]
    public async Task Hub_PasswordInTheRepoUrl_FetchesButShowsItNowhere()
    {
        var logs = new CapturedLogs();
        await using var hub = await HubHost.StartAsync(Options(_server.UrlWith("alice", _secret)), logs: logs);

        Assert.Equal("Applied", (await hub.WaitForRevisionAsync(_sha)).State.ToString());
        await hub.AdvancePollIntervalAsync(TimeSpan.FromMinutes(1));

        Assert.Contains($"alice:{_secret}", _server.Authorizations);
        var fleet = await hub.Client.GetStringAsync("/api/v1/fleet");
        Assert.Contains($"\"repo\":\"{_server.Url}\"", fleet, StringComparison.Ordinal);
        await AssertShownNowhereAsync(hub, logs);
    }

    [Fact]
    public async Task Hub_WrongPassword_FetchErrorShownWithoutThePasswordAndSentOncePerFetch()
    {
        var wrong = "Wr0ng-" + Guid.NewGuid().ToString("N")[..10];
        var logs = new CapturedLogs();
        await using var hub = await HubHost.StartAsync(Options(_server.UrlWith("alice", wrong)), logs: logs);

        await hub.AdvancePollIntervalAsync(TimeSpan.FromMinutes(1));

        var fleet = await hub.Client.GetStringAsync("/api/v1/fleet");
        Assert.Contains($"fetch of {_server.Url} failed: ", fleet, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, fleet, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, logs.All, StringComparison.Ordinal);
        var tries = _server.Authorizations.Count(a => a == $"alice:{wrong}");
        var fetches = _server.Authorizations.Count(a => a.Length == 0);
        Assert.InRange(tries, 1, fetches);
    }

    [Fact]
    public async Task Hub_CredentialsFile_UsedForAUrlWithoutUserInformation()
    {
        var file = _temp.Sub("repo.credentials");
        WritePrivate(file, $"# the fleet repo\nusername=alice\npassword={_secret}\n");
        var logs = new CapturedLogs();

        await using var hub = await HubHost.StartAsync(Options(_server.Url) with { RepoCredentials = RepoCredentials.ReadFile(file) }, logs: logs);

        Assert.Equal("Applied", (await hub.WaitForRevisionAsync(_sha)).State.ToString());
        Assert.Contains($"alice:{_secret}", _server.Authorizations);
        await AssertShownNowhereAsync(hub, logs);
    }

    [Fact]
    public void ReadFile_ReadableByOthers_RefusedWithTheChmodToRun()
    {
        var file = _temp.Sub("loose.credentials");
        WritePrivate(file, $"password={_secret}\n");
        File.SetUnixFileMode(file, PrivateFiles.OwnerOnlyFile | UnixFileMode.GroupRead);

        var error = Assert.Throws<PrivateFileException>(() => RepoCredentials.ReadFile(file));

        Assert.Equal($"the repo credentials file '{file}' has mode 0640; it must be readable by its owner only. Run: chmod 600 '{file}'", error.Message);
    }

    [Theory]
    [InlineData("username=alice\npasswrd=SECRETVALUE\n", "{0}:2: unknown key 'passwrd' (keys: username, password, sshKey, sshKnownHosts, sshCommand)")]
    [InlineData("\n\nSECRETVALUE\n", "{0}:3: expected key=value (keys: username, password, sshKey, sshKnownHosts, sshCommand)")]
    [InlineData("# nothing\n", "{0}: no credentials in the file")]
    public void ReadFile_Malformed_NamesFileAndLineButNoValue(string text, string expected)
    {
        var file = _temp.Sub("bad.credentials");
        WritePrivate(file, text);

        var error = Assert.Throws<ArgumentException>(() => RepoCredentials.ReadFile(file));

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, file), error.Message);
        Assert.DoesNotContain("SECRETVALUE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_SshRepo_RunsSshWithTheKeyAndKnownHostsOnlyAndNoPrompt()
    {
        // A stand-in for ssh that records its arguments and runs the remote command locally: libgit2's real ssh transport
        // then speaks the real Git protocol over its pipes.
        var record = _temp.Sub("ssh-args");
        var fakeSsh = _temp.Sub("fake ssh");
        File.WriteAllText(fakeSsh, $"#!/bin/sh\necho \"$@\" > '{record}'\nfor last; do :; done\nexec sh -c \"$last\"\n");
        File.SetUnixFileMode(fakeSsh, PrivateFiles.OwnerOnlyDirectory);
        var credentials = new RepoCredentials { SshCommand = fakeSsh, SshKeyFile = _temp.Sub("id_ed25519"), SshKnownHostsFile = _temp.Sub("known_hosts") };
        using var source = new GitSource(Options($"ssh://git@git.example.invalid{_repo.Path}") with { RepoCredentials = credentials },
            NullLogger<GitSource>.Instance);

        var fetched = await source.FetchAsync(null, CancellationToken.None);

        Assert.Equal(_sha, fetched.Head);
        Assert.Equal($"-o BatchMode=yes -i {credentials.SshKeyFile} -o IdentitiesOnly=yes -o UserKnownHostsFile={credentials.SshKnownHostsFile} " +
            $"-o StrictHostKeyChecking=yes -p 22 git@git.example.invalid git-upload-pack '{_repo.Path}'", File.ReadAllText(record).Trim());
        Assert.Equal(PrivateFiles.OwnerOnlyDirectory, File.GetUnixFileMode(Path.Combine(_temp.Sub("data"), "git-ssh")));
    }

    [Fact]
    public async Task Fetch_RedirectedToAnotherHost_TheCredentialsAreNotSentThere()
    {
        // The repo URL names a server that redirects every request to the real one under another host name.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var redirector = builder.Build();
        var target = new Uri(_server.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        ((IApplicationBuilder)redirector).Run(context =>
        {
            context.Response.Redirect($"http://{target.Authority}{context.Request.Path}{context.Request.QueryString}");
            return Task.CompletedTask;
        });
        await redirector.StartAsync();
        var repo = redirector.Urls.First().Replace("http://", $"http://alice:{_secret}@", StringComparison.Ordinal) + "/fleet.git";
        using var source = new GitSource(Options(repo), NullLogger<GitSource>.Instance);

        var error = await Assert.ThrowsAsync<GitSourceException>(() => source.FetchAsync(null, CancellationToken.None));

        Assert.Contains($"redirected to http://{target.Authority}; the repo credentials are sent to the repo's own scheme, host and port only",
            error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"alice:{_secret}", _server.Authorizations);
        Assert.NotEmpty(_server.Authorizations);
    }

    [Theory]
    [InlineData("https://u:ab/cd+ef=@git.example.com/repo.git")]
    [InlineData("https://u:a?b@git.example.com/repo.git")]
    [InlineData("https://u:a#b@git.example.com/repo.git")]
    public void Parse_PasswordWithAnUnencodedSeparator_RefusedWithoutShowingIt(string repo)
    {
        var error = Assert.Throws<ArgumentException>(() => GitRemote.Parse(repo, null));

        Assert.Equal("the repo URL seems to hold a user name and password with an unencoded '/', '?' or '#' (it is not shown here): "
            + "percent-encode them (%2F, %3F, %23) or, better, use --repo-credentials-file", error.Message);
        Assert.Equal("https://***@git.example.com/repo.git", UrlRedaction.Redact(repo));
    }

    [Fact]
    public void Parse_PortAndAnAtInThePath_Kept()
    {
        var remote = GitRemote.Parse("https://git.example.com:8443/team@eu/fleet.git", null);

        Assert.Equal("https://git.example.com:8443/team@eu/fleet.git", remote.Url);
        Assert.Null(remote.Credentials);
    }

    [Fact]
    public void Parse_SshUrlWithAPassword_RefusedWithoutShowingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => GitRemote.Parse($"ssh://git:{_secret}@host/fleet.git", null));

        Assert.DoesNotContain(_secret, error.Message, StringComparison.Ordinal);
        Assert.Contains("sshKey=PATH in --repo-credentials-file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://alice:pa%40ss@git.example.com:8443/fleet.git", "https://git.example.com:8443/fleet.git", "alice", "pa@ss")]
    [InlineData("https://TOKEN123@github.com/org/fleet.git", "https://github.com/org/fleet.git", "TOKEN123", null)]
    [InlineData("https://git.example.com/a@b/fleet.git", "https://git.example.com/a@b/fleet.git", null, null)]
    [InlineData("ssh://git@git.example.com/fleet.git", "ssh://git@git.example.com/fleet.git", null, null)]
    [InlineData("git@git.example.com:org/fleet.git", "git@git.example.com:org/fleet.git", null, null)]
    [InlineData("/srv/git/fleet", "/srv/git/fleet", null, null)]
    public void Parse_TakesUserInformationOutOfHttpUrls(string repo, string url, string? user, string? password)
    {
        var remote = GitRemote.Parse(repo, null);

        Assert.Equal(url, remote.Url);
        Assert.Equal(user, remote.Credentials?.Username);
        Assert.Equal(password, remote.Credentials?.Password);
    }

    [Fact]
    public void Parse_GivenCredentialsWinOverTheUrl()
    {
        var remote = GitRemote.Parse("https://bob:old@host/fleet.git", new RepoCredentials { Password = "new" });

        Assert.Equal(("bob", "new"), (remote.Credentials!.Username, remote.Credentials.Password));
        Assert.DoesNotContain("new", remote.Credentials.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failed to fetch https://alice:secret@host/x.git: 401", "failed to fetch https://***@host/x.git: 401")]
    [InlineData("postgres://u:p@db:5432/e and ssh://git@h/x", "postgres://***@db:5432/e and ssh://***@h/x")]
    [InlineData("no url here, user@example.com", "no url here, user@example.com")]
    public void Redact_HidesTheUserInformationOfEveryUrl(string text, string expected) =>
        Assert.Equal(expected, UrlRedaction.Redact(text));

    private HubOptions Options(string repo) => HubHost.Options(repo, _temp.Sub("data"), null, webhookSecret: "whsecret");

    private async Task AssertShownNowhereAsync(HubHost hub, CapturedLogs logs)
    {
        var shown = new Dictionary<string, string>
        {
            ["GET /api/v1/fleet"] = await hub.Client.GetStringAsync("/api/v1/fleet"),
            ["GET /api/v1/audit"] = await hub.Client.GetStringAsync("/api/v1/audit"),
            ["GET /api/v1/revisions"] = await hub.Client.GetStringAsync("/api/v1/revisions"),
            ["GET /metrics"] = await hub.Anonymous.GetStringAsync("/metrics"),
            ["logs"] = logs.All,
        };
        foreach (var file in Directory.EnumerateFiles(_temp.Sub("data"), "*", SearchOption.AllDirectories))
        {
            shown[file] = Encoding.Latin1.GetString(File.ReadAllBytes(file));
        }
        Assert.NotEmpty(logs.Lines);
        Assert.All(shown, pair => Assert.False(pair.Value.Contains(_secret, StringComparison.Ordinal), $"the password appears in {pair.Key}"));
    }

    private static void WritePrivate(string path, string text)
    {
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, PrivateFiles.OwnerOnlyFile);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _repo.Dispose();
        _temp.Dispose();
    }
}
