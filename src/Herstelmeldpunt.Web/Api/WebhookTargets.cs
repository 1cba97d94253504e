using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Herstelmeldpunt.Web.Api;

/// <summary>Configuration section "Api:Webhooks".</summary>
public sealed class WebhookOptions
{
    public const string Section = "Api:Webhooks";

    /// <summary>Deliveries per sweep run.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long one delivery may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After this long without a 2xx a delivery is marked failed (kept; an administrator can send it again).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Plain http targets (only for a test receiver on this machine).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Targets in loopback or private networks (only for a test receiver on this machine): otherwise refused, so a subscription cannot reach inside.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Cron of the delivery sweep (seconds field allowed).</summary>
    public string Cron { get; set; } = "*/15 * * * * *";
}

/// <summary>Which addresses a webhook may be delivered to: no loopback, link-local or private networks unless configured.</summary>
public static class WebhookTargets
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (EmbeddedIPv4(address) is { } embedded)
        {
            // An IPv4 address carried inside IPv6 (::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged as that address.
            return IsPublic(embedded);
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || b[0] == 0
            || b[0] >= 224);
    }

    /// <summary>The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address, else null.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var b = address.GetAddressBytes();
        static bool Zero(ReadOnlySpan<byte> span) => !span.ContainsAnyExcept((byte)0);
        if (Zero(b.AsSpan(0, 12)) && !Zero(b.AsSpan(12, 4)) && !IPAddress.IsLoopback(address))
        {
            return new IPAddress(b.AsSpan(12, 4)); // ::a.b.c.d (deprecated, still routed by some stacks)
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && Zero(b.AsSpan(4, 8)))
        {
            return new IPAddress(b.AsSpan(12, 4)); // 64:ff9b::/96, the well-known NAT64 prefix
        }

        return b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b.AsSpan(2, 4)) : null; // 2002:aabb:ccdd::/48, 6to4
    }

    /// <summary>A subscription's URL: absolute https (http only when allowed), no user info, at most 500 characters.</summary>
    public static bool IsValidUrl(string? url, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return url is { Length: > 0 and <= 500 }
            && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
            && string.IsNullOrEmpty(uri.UserInfo)
            && string.IsNullOrEmpty(uri.Fragment);
    }
}

/// <summary>Signatures after the Standard Webhooks scheme: HMAC-SHA256 over "{id}.{timestamp}.{body}", base64, "v1," in front.</summary>
public static class WebhookSignature
{
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, Guid eventId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{eventId:D}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
