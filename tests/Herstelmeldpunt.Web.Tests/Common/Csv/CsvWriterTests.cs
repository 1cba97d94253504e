using System.Text;
using Herstelmeldpunt.Web.Common.Csv;

namespace Herstelmeldpunt.Web.Tests.Common.Csv;

/// <summary>CSV for Dutch spreadsheets: BOM, ";", quoting, formula injection neutralised — whole or streamed, the same bytes.</summary>
public sealed class CsvWriterTests
{
    private static readonly IReadOnlyList<object?>[] Rows =
    [
        ["reference", "note", "count"],
        ["HM-1", "=SUM(A1)", 3],
        ["HM-2", "twee; delen \"met\" aanhalingstekens\nen een regel", null],
        ["HM-3", "-5", -5],
    ];

    [Fact]
    public void Cells_are_quoted_when_needed_and_text_that_a_spreadsheet_would_run_is_neutralised()
    {
        var text = Encoding.UTF8.GetString(CsvWriter.Write(Rows));
        Assert.Equal(
            "\uFEFFreference;note;count\r\nHM-1;'=SUM(A1);3\r\nHM-2;\"twee; delen \"\"met\"\" aanhalingstekens\nen een regel\";\r\nHM-3;'-5;-5\r\n",
            text);
    }

    [Fact]
    public async Task Streaming_writes_the_same_bytes_as_writing_whole()
    {
        using var stream = new MemoryStream();
        await CsvWriter.WriteAsync(stream, Rows.ToAsyncEnumerable(), CancellationToken.None);
        Assert.Equal(CsvWriter.Write(Rows), stream.ToArray());
    }
}
