using System.IO.Compression;
using Herstelmeldpunt.Web.Documents;

namespace Herstelmeldpunt.Web.Tests.Documents;

/// <summary>A Word document is judged by what it unpacks to, not only by its name and its first bytes.</summary>
public sealed class FileKindTests
{
    private static byte[] Docx(long bodyBytes, int extraParts = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<Types/>");
            }

            using (var body = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open())
            {
                var zeros = new byte[1024 * 1024];
                for (long written = 0; written < bodyBytes; written += zeros.Length)
                {
                    body.Write(zeros, 0, (int)Math.Min(zeros.Length, bodyBytes - written));
                }
            }

            for (var i = 0; i < extraParts; i++)
            {
                zip.CreateEntry($"word/media/part{i}.xml");
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public void A_word_document_of_ordinary_size_is_a_word_document()
    {
        Assert.Equal(FileKind.Docx, FileKind.Detect(Docx(2 * 1024 * 1024)));
    }

    [Fact]
    public void A_word_document_that_unpacks_past_the_limit_is_refused_though_it_is_small()
    {
        var bomb = Docx(FileKind.MaxUnpackedBytes + (1024 * 1024));

        Assert.True(bomb.Length < 1024 * 1024, $"the test file should be small packed ({bomb.Length:N0} bytes)");
        Assert.Null(FileKind.Detect(bomb));
    }

    [Fact]
    public void A_word_document_of_thousands_of_parts_is_refused()
    {
        Assert.Null(FileKind.Detect(Docx(1024, extraParts: FileKind.MaxParts)));
    }
}
