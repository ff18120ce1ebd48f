using System.Security.Cryptography;
using System.Text;

namespace Edgeplane.Hub.Store;

/// <summary>
/// This hub process as the store knows it. <see cref="Id"/> is new at every start, so the links an earlier process
/// served are never mistaken for this one's; <see cref="Name"/> stays the same across restarts of one replica (the
/// machine and the full path of its data folder), so a restarted replica proves its predecessor gone at once instead
/// of waiting for the predecessor's lease to expire. The lease: a process vouches for its links while it renewed its
/// row within <see cref="LeaseTimeout"/> (docs/gateway.md, "Availability").
/// </summary>
internal sealed record HubInstance(string Id, string Name, TimeSpan LeaseTimeout)
{
    /// <summary>Longest stored name.</summary>
    public const int MaxNameLength = 128;

    /// <summary>A new instance of the hub with <paramref name="options"/>.</summary>
    public static HubInstance Create(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HubInstance(Guid.NewGuid().ToString("N"), NameOf(Environment.MachineName, options.DataDirectory),
            options.Gateway.InstanceLeaseTimeout);
    }

    /// <summary>
    /// <c>machine/abcdef012345</c>: the machine name (cut to 100 characters) and 12 hex digits of the SHA-256 of the data
    /// folder's full path, so two replicas on one machine differ and a path never appears in the database.
    /// </summary>
    public static string NameOf(string machine, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory)));
        return $"{(machine.Length <= 100 ? machine : machine[..100])}/{Convert.ToHexStringLower(hash)[..12]}";
    }

    /// <summary>Leases renewed before this time have expired at <paramref name="now"/>.</summary>
    public DateTime LeaseCutoff(DateTime now) => now - LeaseTimeout;
}
