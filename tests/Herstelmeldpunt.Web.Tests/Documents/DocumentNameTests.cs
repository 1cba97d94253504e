using Herstelmeldpunt.Web.Documents;

namespace Herstelmeldpunt.Web.Tests.Documents;

/// <summary>The name a document is shown under on staff screens and Mijn melding.</summary>
public sealed class DocumentNameTests
{
    [Theory]
    [InlineData("C:\\scans\\besluit UWV.pdf", "besluit UWV.pdf")]
    [InlineData("rapport\u2066fdp.exe\u2069.pdf", "rapportfdp.exe.pdf")] // isolates that would show "rapportexe.pdf" turned around (issue 27, item 16)
    [InlineData("a\u202Egnp.pdf", "agnp.pdf")] // a right-to-left override
    [InlineData("\u200B\u2067\u2068", "document.pdf")] // nothing visible left
    public void Hidden_and_direction_characters_and_folders_are_taken_out(string uploaded, string shown) =>
        Assert.Equal(shown, DocumentStore.CleanName(uploaded, FileKind.Pdf));
}
