using System.Net;
using System.Net.Sockets;

namespace Herstelmeldpunt.Web.Common;

/// <summary>
/// Whose requests count together in a rate limit. An IPv4 address is one client; an IPv6 address is counted
/// by its /64 network, because one household or one server is handed a whole /64 and can send from every
/// address in it (the probe of issue 27 sent 300 reports from 300 addresses of one /64). An IPv4 address
/// written inside IPv6 (::ffff:a.b.c.d) is the IPv4 client it names.
/// </summary>
public static class ClientAddress
{
    public static string Partition(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Partition(context.Connection.RemoteIpAddress);
    }

    public static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
