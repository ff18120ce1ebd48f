using Edgeplane.Protocol.Security;

namespace Edgeplane.Hub;

/// <summary>
/// How the hub authenticates to the fleet repo, kept out of the repo URL so it is never shown: a user name and password
/// (or token) for HTTPS; a private key and known-hosts file for SSH. <see cref="ToString"/> shows no secret.
/// </summary>
public sealed record RepoCredentials
{
    /// <summary>Largest credentials file read.</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>HTTPS user name (for a token-only server any non-empty name, e.g. <c>git</c>).</summary>
    public string? Username { get; init; }

    /// <summary>HTTPS password or access token.</summary>
    public string? Password { get; init; }

    /// <summary>SSH private key file (passed to ssh as <c>-i</c>, with <c>IdentitiesOnly=yes</c>).</summary>
    public string? SshKeyFile { get; init; }

    /// <summary>SSH known-hosts file; when set, the server's host key must be in it (<c>StrictHostKeyChecking=yes</c>).</summary>
    public string? SshKnownHostsFile { get; init; }

    /// <summary>The ssh program to run (default <c>ssh</c> on the PATH).</summary>
    public string? SshCommand { get; init; }

    /// <summary>True when nothing is set.</summary>
    public bool IsEmpty => Username is null && Password is null && SshKeyFile is null && SshKnownHostsFile is null && SshCommand is null;

    /// <summary>
    /// Reads a credentials file: <c>key=value</c> lines (the format of <c>git credential</c>), <c>#</c> comments, keys
    /// <c>username</c>, <c>password</c>, <c>sshKey</c>, <c>sshKnownHosts</c>, <c>sshCommand</c>. The file must be readable by
    /// its owner only. Errors name the file and line, never a value.
    /// </summary>
    /// <exception cref="ArgumentException">The file is malformed.</exception>
    /// <exception cref="PrivateFileException">Others may read the file, or it is too large.</exception>
    public static RepoCredentials ReadFile(string path)
    {
        PrivateFiles.RequireOwnerOnly(path, "repo credentials file");
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new PrivateFileException($"the repo credentials file '{path}' is larger than {MaxFileBytes} bytes");
        }
        var credentials = new RepoCredentials();
        var number = 0;
        foreach (var raw in File.ReadAllLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"{path}:{number}: expected key=value (keys: username, password, sshKey, sshKnownHosts, sshCommand)");
            }
            credentials = credentials.With(line[..eq].Trim(), line[(eq + 1)..].Trim(), $"{path}:{number}");
        }
        return credentials.IsEmpty ? throw new ArgumentException($"{path}: no credentials in the file") : credentials;
    }

    private RepoCredentials With(string key, string value, string where) => key switch
    {
        "username" => this with { Username = value },
        "password" => this with { Password = value },
        "sshKey" => this with { SshKeyFile = value },
        "sshKnownHosts" => this with { SshKnownHostsFile = value },
        "sshCommand" => this with { SshCommand = value },
        _ => throw new ArgumentException(
            $"{where}: unknown key '{(key.Length > 40 ? key[..40] + "…" : key)}' (keys: username, password, sshKey, sshKnownHosts, sshCommand)"),
    };

    /// <summary>What is set, never a secret value.</summary>
    public override string ToString() =>
        $"RepoCredentials {{ Username = {(Username is null ? "unset" : "***")}, Password = {(Password is null ? "unset" : "***")}, " +
        $"SshKeyFile = {SshKeyFile ?? "unset"}, SshKnownHostsFile = {SshKnownHostsFile ?? "unset"}, SshCommand = {SshCommand ?? "unset"} }}";
}
