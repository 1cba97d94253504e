using Herstelmeldpunt.Web.Staff;

namespace Herstelmeldpunt.Web.Tests.Staff;

public sealed class SafeReturnTests
{
    [Theory]
    [InlineData("/backoffice/meldingen?status=open", "/backoffice/meldingen?status=open")]
    [InlineData("/backoffice", "/backoffice")]
    [InlineData(null, "/backoffice")]
    [InlineData("", "/backoffice")]
    [InlineData("/melden", "/backoffice")] // a public page is not where a sign-in goes
    [InlineData("/backofficeelders", "/backoffice")]
    [InlineData("//evil.example/backoffice", "/backoffice")]
    [InlineData("/\t/evil.example", "/backoffice")]
    [InlineData("/backoffice/\t/x", "/backoffice")]
    [InlineData("/\\evil.example", "/backoffice")]
    [InlineData("https://evil.example/backoffice", "/backoffice")]
    [InlineData("/backoffice/meldingen?zoek=José", "/backoffice/meldingen?zoek=Jos%C3%A9")] // a Location header takes ASCII only (it gave a 500)
    [InlineData("/backoffice/\u2066x", "/backoffice")] // a bidi isolate
    public void After_sign_in_only_back_office_paths_without_hidden_characters_are_followed(string? returnUrl, string expected) =>
        Assert.Equal(expected, SafeReturn.Url(returnUrl));
}
