using System.Net;
using Herstelmeldpunt.Web.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Herstelmeldpunt.Web.Tests.Documents;

/// <summary>Uploads at once per client and per node, and bytes per client per hour: a place is given back when the upload ends.</summary>
public sealed class UploadGateTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 10, 15, 0, TimeSpan.Zero));

    private UploadGate Gate(int inFlight = 3, int perClient = 2, long bytesPerHour = 1000) =>
        new(new DocumentOptions { UploadsInFlight = inFlight, UploadsInFlightPerClient = perClient, UploadBytesPerClientPerHour = bytesPerHour }, clock);

    private static DefaultHttpContext From(string address) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

    [Fact]
    public void A_client_has_two_uploads_at_once_and_a_third_waits_until_one_ends()
    {
        var gate = Gate();
        var first = gate.TryEnter(From("2001:db8:1:1::1"), 10);
        var second = gate.TryEnter(From("2001:db8:1:1::2"), 10); // the same /64
        var third = gate.TryEnter(From("2001:db8:1:1::3"), 10);

        Assert.NotNull(first.Lease);
        Assert.NotNull(second.Lease);
        Assert.Equal((null, UploadGate.Refusal.Busy), third);

        first.Lease!.Dispose();
        first.Lease.Dispose(); // twice gives back one place
        Assert.NotNull(gate.TryEnter(From("2001:db8:1:1::3"), 10).Lease);
        Assert.Equal(UploadGate.Refusal.Busy, gate.TryEnter(From("2001:db8:1:1::4"), 10).Refused);
    }

    [Fact]
    public void The_node_takes_its_number_of_uploads_from_all_clients_together()
    {
        var gate = Gate(inFlight: 2);
        Assert.NotNull(gate.TryEnter(From("203.0.113.1"), 10).Lease);
        Assert.NotNull(gate.TryEnter(From("203.0.113.2"), 10).Lease);
        Assert.Equal(UploadGate.Refusal.Busy, gate.TryEnter(From("203.0.113.3"), 10).Refused);
    }

    [Fact]
    public void A_client_sends_its_bytes_for_the_hour_and_more_the_next_hour()
    {
        var gate = Gate(bytesPerHour: 1000);
        gate.TryEnter(From("203.0.113.1"), 600).Lease!.Dispose();
        Assert.Equal(UploadGate.Refusal.Quota, gate.TryEnter(From("203.0.113.1"), 600).Refused);
        Assert.NotNull(gate.TryEnter(From("203.0.113.1"), 400).Lease); // exactly the rest
        Assert.NotNull(gate.TryEnter(From("203.0.113.2"), 600).Lease); // another client has its own

        clock.Advance(TimeSpan.FromMinutes(45)); // the next clock hour
        Assert.NotNull(gate.TryEnter(From("203.0.113.1"), 600).Lease);
    }
}
