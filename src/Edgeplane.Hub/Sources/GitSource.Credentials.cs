using Edgeplane.Protocol.Security;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace Edgeplane.Hub.Sources;

internal sealed partial class GitSource
{
    /// <summary>The ssh wrapper the mirror's <c>core.sshCommand</c> names (libgit2 runs that program without a shell, so it takes no arguments).</summary>
    private string SshWrapper => Path.Combine(options.DataDirectory, "git-ssh");

    /// <summary>
    /// Answers libgit2's HTTP authentication challenge with the configured user name and password, once per fetch: a
    /// rejected password is not replayed (libgit2 would ask again up to its replay limit).
    /// </summary>
    private CredentialsHandler? CredentialsProvider()
    {
        if (_remote.Credentials is not { } credentials || (credentials.Username is null && credentials.Password is null))
        {
            return null;
        }
        var asked = 0;
        return (url, userFromUrl, types) =>
        {
            if (!SameOrigin(url, _remote.Url))
            {
                throw new GitSourceException($"the Git server at {_remote.Url} redirected to {Origin(url)}; the repo credentials are " +
                    "sent to the repo's own scheme, host and port only: point --repo at the new address");
            }
            if (!types.HasFlag(SupportedCredentialTypes.UsernamePassword) || Interlocked.Increment(ref asked) > 1)
            {
                throw new GitSourceException($"the Git server at {_remote.Url} refused the configured credentials");
            }
            return new UsernamePasswordCredentials
            {
                Username = credentials.Username ?? userFromUrl ?? "git",
                Password = credentials.Password ?? "",
            };
        };
    }

    private static bool SameOrigin(string url, string repo) =>
        Uri.TryCreate(url, UriKind.Absolute, out var asked) && Uri.TryCreate(repo, UriKind.Absolute, out var own)
        && asked.Scheme == own.Scheme && string.Equals(asked.IdnHost, own.IdnHost, StringComparison.OrdinalIgnoreCase) && asked.Port == own.Port;

    private static string Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : "another address";

    /// <summary>
    /// For an ssh repo, points the mirror at a wrapper that runs ssh without prompts (<c>BatchMode</c>), with the configured
    /// key only and, when given, the known-hosts file with strict host key checking. libgit2 runs ssh itself (its exec
    /// transport), so these are ssh options, not libgit2 callbacks.
    /// </summary>
    private void ConfigureSsh(Repository repo)
    {
        if (!GitRemote.IsSsh(_remote.Url))
        {
            repo.Config.Unset("core.sshCommand", ConfigurationLevel.Local);
            return;
        }
        var script = SshScript(_remote.Credentials);
        if (!File.Exists(SshWrapper) || File.ReadAllText(SshWrapper) != script)
        {
            PrivateFiles.WriteAtomically(SshWrapper, script, PrivateFiles.OwnerOnlyDirectory); // rwx for the owner: it is run
        }
        repo.Config.Set("core.sshCommand", SshWrapper, ConfigurationLevel.Local);
    }

    internal static string SshScript(RepoCredentials? credentials)
    {
        var args = new List<string> { Quote(credentials?.SshCommand ?? "ssh"), "-o", "BatchMode=yes" };
        if (credentials?.SshKeyFile is { } key)
        {
            args.AddRange(["-i", Quote(Path.GetFullPath(key)), "-o", "IdentitiesOnly=yes"]);
        }
        if (credentials?.SshKnownHostsFile is { } knownHosts)
        {
            args.AddRange(["-o", Quote("UserKnownHostsFile=" + Path.GetFullPath(knownHosts)), "-o", "StrictHostKeyChecking=yes"]);
        }
        return $"#!/bin/sh\n# written by the Edgeplane hub for the fleet repo's ssh transport\nexec {string.Join(' ', args)} \"$@\"\n";
    }

    /// <summary>One shell word in single quotes (a quote inside becomes <c>'\''</c>).</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
