using Herstelmeldpunt.Web.Email;

namespace Herstelmeldpunt.Web.Tests.Email;

public sealed class EmailOptionsTests
{
    [Theory]
    [InlineData("http://+:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:5100;https://0.0.0.0:5101", "http://localhost:5100")]
    [InlineData("https://meldpunt.example.nl", "https://meldpunt.example.nl")]
    [InlineData("http://[::]:7000", "http://localhost:7000")]
    [InlineData(null, "http://localhost:5064")]
    [InlineData("", "http://localhost:5064")]
    public void Links_without_a_public_address_use_the_address_the_portal_listens_on(string? urls, string expected) =>
        Assert.Equal(expected, EmailOptions.FirstListeningUrl(urls));
}
