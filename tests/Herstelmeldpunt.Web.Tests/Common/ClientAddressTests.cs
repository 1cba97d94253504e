using System.Net;
using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Tests.Common;

/// <summary>Whose requests count together: an IPv4 address, or an IPv6 /64 network (a household or server has a whole one).</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db8:1:2:aaaa::", "2001:db8:1:2:1234:5678:9abc:def0")]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7")]
    public void Addresses_of_one_client_share_a_partition(string one, string other) =>
        Assert.Equal(ClientAddress.Partition(IPAddress.Parse(one)), ClientAddress.Partition(IPAddress.Parse(other)));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("203.0.113.7", "203.0.113.8")]
    [InlineData("2001:db8::1", "203.0.113.7")]
    public void Addresses_of_different_clients_do_not(string one, string other) =>
        Assert.NotEqual(ClientAddress.Partition(IPAddress.Parse(one)), ClientAddress.Partition(IPAddress.Parse(other)));

    [Fact]
    public void An_IPv6_client_is_named_by_its_network()
    {
        Assert.Equal("2001:db8:1:2::/64", ClientAddress.Partition(IPAddress.Parse("2001:db8:1:2:3:4:5:6")));
        Assert.Equal("203.0.113.7", ClientAddress.Partition(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.Equal("unknown", ClientAddress.Partition((IPAddress?)null));
    }
}
