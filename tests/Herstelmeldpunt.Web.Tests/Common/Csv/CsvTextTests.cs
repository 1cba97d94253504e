using Herstelmeldpunt.Web.Common.Csv;

namespace Herstelmeldpunt.Web.Tests.Common.Csv;

public sealed class CsvTextTests
{
    [Fact]
    public void Splits_fields_and_records_with_their_line_numbers()
    {
        var records = CsvText.Read("a;b\r\n1;2\n\n3;4", ';').ToList();
        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
        Assert.Equal(["3", "4"], records[2].Fields);
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_doubled_quotes_and_line_breaks()
    {
        var records = CsvText.Read("\"x;y\";\"he said \"\"hi\"\"\";\"two\nlines\"\nnext;row", ';').ToList();
        Assert.Equal(["x;y", "he said \"hi\"", "two\nlines"], records[0].Fields);
        Assert.Equal(3, records[1].Line); // the quoted line break moved it down
    }

    [Fact]
    public void Empty_fields_are_kept()
    {
        var record = Assert.Single(CsvText.Read(";;x;", ';'));
        Assert.Equal(["", "", "x", ""], record.Fields);
    }
}
