using System.IO.Compression;
using System.Text;

namespace Herstelmeldpunt.Web.Documents;

/// <summary>
/// What a file is, from its content (magic bytes, then a check that it really has that structure),
/// never from its name. Accepted: PDF, JPEG, PNG, HEIC (phone photos) and DOCX.
/// </summary>
public static class FileKind
{
    public sealed record Kind(string ContentType, string Extension);

    public static readonly Kind Pdf = new("application/pdf", ".pdf");
    public static readonly Kind Jpeg = new("image/jpeg", ".jpg");
    public static readonly Kind Png = new("image/png", ".png");
    public static readonly Kind Heic = new("image/heic", ".heic");
    public static readonly Kind Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");

    /// <summary>Null when the content is none of the accepted kinds, or claims to be one but does not hold together.</summary>
    public static Kind? Detect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var span = content.AsSpan();
        if (span.StartsWith("%PDF-"u8))
        {
            // A PDF ends with %%EOF (perhaps followed by a line end or a little padding).
            var tail = span[Math.Max(0, span.Length - 1024)..];
            return tail.IndexOf("%%EOF"u8) >= 0 ? Pdf : null;
        }

        if (span.Length > 4 && span[0] == 0xFF && span[1] == 0xD8 && span[2] == 0xFF)
        {
            return span[^2] == 0xFF && span[^1] == 0xD9 ? Jpeg : null; // end-of-image marker
        }

        if (span.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return span.Length > 33 && span.Slice(12, 4).SequenceEqual("IHDR"u8) && span[^8..^4].SequenceEqual("IEND"u8) ? Png : null;
        }

        if (span.Length > 12 && span.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(span.Slice(8, 4));
            var boxSize = (span[0] << 24) | (span[1] << 16) | (span[2] << 8) | span[3];
            return brand is "heic" or "heix" or "mif1" or "heim" or "heis" && boxSize >= 16 && boxSize <= span.Length ? Heic : null;
        }

        if (span.StartsWith("PK\x03\x04"u8))
        {
            return IsWordDocument(content) ? Docx : null;
        }

        return null;
    }

    /// <summary>
    /// The most a Word document may unpack to, all parts together. A 10 MB upload that unpacks to gigabytes (a "zip
    /// bomb") would make the virus scanner skip it silently or exhaust whoever opens it; real letters with photos stay
    /// far below. Counted while unpacking, so sizes the archive claims cannot lie.
    /// </summary>
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;

    /// <summary>At most this many parts: a real document has dozens, not thousands.</summary>
    public const int MaxParts = 1000;

    private static bool IsWordDocument(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null
                && zip.Entries.Count <= MaxParts && UnpacksWithin(zip, MaxUnpackedBytes);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool UnpacksWithin(ZipArchive zip, long limit)
    {
        var buffer = new byte[81920];
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            using var part = entry.Open();
            int read;
            while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
