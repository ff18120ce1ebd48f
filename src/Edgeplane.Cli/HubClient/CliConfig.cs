using System.Text.Json;

namespace Edgeplane.Cli.HubClient;

/// <summary>
/// The CLI's saved hub connection (<c>edgeplane login</c>): <c>$EDGEPLANE_CONFIG</c>, else
/// <c>$XDG_CONFIG_HOME/edgeplane/config.json</c>, else <c>~/.config/edgeplane/config.json</c>. Written with mode 0600:
/// it holds a token. <paramref name="CaCertificate"/> is the PEM of <c>login --ca-file</c>: the only CA trusted for
/// this hub (null: the system trust store). <paramref name="Oidc"/> is set by <c>login --oidc</c>: then
/// <paramref name="Token"/> is an id_token, refreshed through <see cref="OidcSession"/> when it expires.
/// </summary>
internal sealed record CliConfig(string Hub, string Token, string? CaCertificate = null, CliOidcLogin? Oidc = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("EDGEPLANE_CONFIG") is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "edgeplane", "config.json");
    }

    public static CliConfig? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            throw new HubClientException($"config file {path} is not valid JSON: {error.Message}", usage: true);
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, options))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // also when the file existed
        }
    }
}
