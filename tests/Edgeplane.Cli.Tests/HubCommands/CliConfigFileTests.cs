using Edgeplane.Cli.HubClient;

namespace Edgeplane.Cli.Tests.HubCommands;

/// <summary>The saved login file: replaced whole (never half-written) and private.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CliConfigFileTests
{
    [Fact]
    public void Save_OverALooserOldFile_ReplacesItWhole_Mode0600_NoStagingFileLeft()
    {
        var dir = Directory.CreateTempSubdirectory("ep-config-").FullName;
        try
        {
            var path = Path.Combine(dir, "config.json");
            File.WriteAllText(path, "{\"hub\":\"http://old.example\",\"token\":\"ep_old_token\"}");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            new CliConfig("http://127.0.0.1:8080", "ep_new_token").Save(path);

            Assert.Equal(new CliConfig("http://127.0.0.1:8080", "ep_new_token"), CliConfig.Load(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(["config.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Load_WhileAnotherProcessSaves_SeesTheOldOrTheNewFile_NeverATornOne()
    {
        var dir = Directory.CreateTempSubdirectory("ep-config-").FullName;
        try
        {
            var path = Path.Combine(dir, "config.json");
            var a = new CliConfig("http://a.example", "ep_a_" + new string('a', 4000));
            var b = new CliConfig("http://b.example", "ep_b_" + new string('b', 4000));
            a.Save(path);
            var writer = Task.Run(() =>
            {
                for (var i = 0; i < 200; i++)
                {
                    (i % 2 == 0 ? b : a).Save(path);
                }
            });

            while (!writer.IsCompleted)
            {
                var read = CliConfig.Load(path); // throws "not valid JSON" on a torn file
                Assert.True(read == a || read == b, $"read {read?.Hub}");
            }
            await writer;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
