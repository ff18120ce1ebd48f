using Edgeplane.Protocol.Security;

namespace Edgeplane.Cli.Shared;

/// <summary>
/// A secret given on the command line (visible to every local user in <c>ps</c>), in a file readable by its owner only,
/// or in an environment variable: the one way commands take tokens.
/// </summary>
internal static class SecretInput
{
    /// <summary>
    /// The secret from <paramref name="value"/> (<c>--name</c>), else <paramref name="file"/> (<c>--name-file</c>, mode 0600),
    /// else <paramref name="variable"/>; null when none is set.
    /// </summary>
    /// <exception cref="ArgumentException">Both the option and the file are given.</exception>
    /// <exception cref="PrivateFileException">The file is readable by others, empty or too large.</exception>
    public static string? Read(string option, string? value, FileInfo? file, string variable)
    {
        if (value is not null && file is not null)
        {
            throw new ArgumentException($"give {option} or {option}-file, not both");
        }
        if (file is not null)
        {
            return PrivateFiles.ReadSecret(file.FullName, $"{option}-file");
        }
        return value ?? (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim() : null);
    }
}
