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

    /// <summary>
    /// Writes the config to a private (0600) file beside <paramref name="path"/> and renames it over the old one, so that
    /// another <c>edgeplane</c> reading the config at the same moment sees the old file or the new one, never half of one.
    /// </summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var staging = $"{full}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using (var stream = new FileStream(staging, options))
            {
                JsonSerializer.Serialize(stream, this, Json);
            }
            File.Move(staging, full, overwrite: true);
        }
        finally
        {
            File.Delete(staging); // gone already after the move; left only when writing failed
        }
    }
}
