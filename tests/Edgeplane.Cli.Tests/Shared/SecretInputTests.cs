using System.Runtime.Versioning;
using Edgeplane.Cli.Shared;

namespace Edgeplane.Cli.Tests.Shared;

[UnsupportedOSPlatform("windows")]
public sealed class SecretInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgeplane-secret-").FullName;
    private readonly string _variable = "EDGEPLANE_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public void Read_OptionWinsOverTheEnvironment()
    {
        Environment.SetEnvironmentVariable(_variable, "from-env");

        Assert.Equal("from-option", SecretInput.Read("--token", "from-option", null, _variable));
    }

    [Fact]
    public void Read_FileWinsOverTheEnvironment_Trimmed()
    {
        Environment.SetEnvironmentVariable(_variable, "from-env");
        var file = Path.Combine(_dir, "token");
        File.WriteAllText(file, "  from-file\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal("from-file", SecretInput.Read("--token", null, new FileInfo(file), _variable));
    }

    [Fact]
    public void Read_OnlyTheEnvironment_Used()
    {
        Environment.SetEnvironmentVariable(_variable, "from-env\n");

        Assert.Equal("from-env", SecretInput.Read("--token", null, null, _variable));
    }

    [Fact]
    public void Read_Nothing_Null() => Assert.Null(SecretInput.Read("--token", null, null, _variable));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Directory.Delete(_dir, recursive: true);
    }
}
