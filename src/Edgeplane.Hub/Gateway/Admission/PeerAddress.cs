using System.Net;
using System.Net.Sockets;

namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>The rate-limiting key of a remote address.</summary>
internal static class PeerAddress
{
    /// <summary>
    /// <c>ip:&lt;IPv4&gt;</c> (an IPv4-mapped IPv6 address counts as its IPv4 address), or <c>ip:&lt;prefix&gt;/64</c> for
    /// IPv6: one host usually holds a whole /64, so counting single IPv6 addresses would let it rotate through 2^64 of
    /// them. <c>ip:unknown</c> when there is no address (an in-process test server).
    /// </summary>
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "ip:unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "ip:" + address;
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"ip:{new IPAddress(bytes)}/64";
    }
}
