using System.Text.Json;
using Edgeplane.Cli.Tests.HubCommands;

namespace Edgeplane.Cli.Tests.HubHttps;

/// <summary><c>login --ca-file</c> saves the CA with the hub and token; later commands trust it for that hub.</summary>
[Collection(CliConfigCollection.Name)]
public sealed class HubTlsLoginTests
{
    [Fact]
    public async Task Login_CaFile_SavedWithTheHub_LaterCommandsUseIt_BadLoginSavesNothing()
    {
        await using var hub = await TlsHub.StartAsync();
        var config = Path.Combine(hub.Root, "config", "edgeplane.json");
        Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", config);
        try
        {
            var login = await HubCli.RunAsync("login", "--hub", hub.Url, "--token", hub.Token, "--ca-file", hub.HubCaFile!);
            var saved = await File.ReadAllTextAsync(config);
            var status = await HubCli.RunAsync("status");
            var sameHub = await HubCli.RunAsync("status", "--hub", hub.Url);
            var untrusted = await HubCli.RunAsync("login", "--hub", hub.Url, "--token", hub.Token);

            Assert.Equal((0, ""), (login.ExitCode, login.Error));
            using var json = JsonDocument.Parse(saved);
            Assert.Equal(await File.ReadAllTextAsync(hub.HubCaFile!), json.RootElement.GetProperty("caCertificate").GetString());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
            }
            Assert.Equal((0, ""), (status.ExitCode, status.Error));
            Assert.Equal((0, ""), (sameHub.ExitCode, sameHub.Error));
            Assert.Equal(1, untrusted.ExitCode);
            Assert.Contains("TLS handshake with the hub", untrusted.Error);
            Assert.Equal(saved, await File.ReadAllTextAsync(config));
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", null);
        }
    }
}
