using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.TargetGroup;

namespace Herstelmeldpunt.Web.Tests.TargetGroup;

public sealed class TargetGroupCsvTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private const string Header = "bsn;naam;uitkering;herbeoordelingsdatum;team\n";

    [Fact]
    public void Good_file_gives_every_row_parsed()
    {
        var (rows, errors) = TargetGroupCsv.Read(Header + "111222333;Jan Jansen;WGA;2019-03-14;OTN\n123456782;Piet Pieters;iva;14-03-2019;OTN\n", Today);
        Assert.Empty(errors);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new ImportRow(3, "123456782", "Piet Pieters", BenefitType.Iva, new DateOnly(2019, 3, 14), "OTN"), rows[1]);
    }

    [Fact]
    public void English_headers_and_commas_work_too()
    {
        var (rows, errors) = TargetGroupCsv.Read("bsn,name,benefit,reassessment_date,team\n111222333,\"Jansen, Jan\",WGA,2019-03-14,OTN", Today);
        Assert.Empty(errors);
        Assert.Equal("Jansen, Jan", Assert.Single(rows).FullName);
    }

    [Theory]
    [InlineData("123456789;Jan;WGA;2019-03-14;OTN", "bsn", "Import.Error.Bsn")]
    [InlineData(";Jan;WGA;2019-03-14;OTN", "bsn", "Import.Error.Required")]
    [InlineData("111222333;;WGA;2019-03-14;OTN", "name", "Import.Error.Required")]
    [InlineData("111222333;Jan;WAO;2019-03-14;OTN", "benefit", "Import.Error.Benefit")]
    [InlineData("111222333;Jan;WGA;2019-02-30;OTN", "date", "Import.Error.Date")]
    [InlineData("111222333;Jan;WGA;14 maart 2019;OTN", "date", "Import.Error.Date")]
    [InlineData("111222333;Jan;WGA;2027-01-01;OTN", "date", "Import.Error.FutureDate")]
    [InlineData("111222333;Jan;WGA;2019-03-14;", "team", "Import.Error.Required")]
    [InlineData("111222333;Jan;WGA", "date", "Import.Error.Date")]
    public void Each_problem_is_reported_with_line_column_and_message(string row, string field, string key)
    {
        var (rows, errors) = TargetGroupCsv.Read(Header + "123456782;Goed;IVA;2019-03-14;OTN\n" + row, Today);
        Assert.Contains(new ImportError(3, field, key), errors);
        Assert.Single(rows); // the good row; the file as a whole is refused by the page while errors exist
    }

    [Fact]
    public void Repeated_bsn_names_the_line_it_first_appeared_on()
    {
        var (_, errors) = TargetGroupCsv.Read(Header + "111222333;A;WGA;2019-03-14;OTN\n123456782;B;WGA;2019-03-14;OTN\n111 222 333;C;WGA;2019-03-14;OTN", Today);
        Assert.Equal(new ImportError(4, "bsn", "Import.Error.DuplicateBsn", 2), Assert.Single(errors));
    }

    [Fact]
    public void Missing_columns_are_named_on_line_one()
    {
        var (_, errors) = TargetGroupCsv.Read("bsn;naam;team\n111222333;A;OTN", Today);
        Assert.Equal([new ImportError(1, "benefit", "Import.Error.MissingColumn"), new ImportError(1, "date", "Import.Error.MissingColumn")], errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bsn;naam;uitkering;herbeoordelingsdatum;team\n")]
    public void Empty_file_or_header_only_is_an_error(string content) =>
        Assert.NotEmpty(TargetGroupCsv.Read(content, Today).Errors);

    [Fact]
    public void Byte_order_mark_from_excel_is_ignored()
    {
        var (rows, errors) = TargetGroupCsv.Read("\uFEFF" + Header + "111222333;Jan;WGA;2019-03-14;OTN", Today);
        Assert.Empty(errors);
        Assert.Single(rows);
    }

    [Fact]
    public void An_address_for_the_letter_is_read_when_its_columns_are_there_and_a_partial_one_is_named()
    {
        var (rows, errors) = TargetGroupCsv.Read(
            "bsn;naam;uitkering;herbeoordelingsdatum;team;straat;postcode;woonplaats\n111222333;Jan;WGA;2019-03-14;OTN;Kerkstraat 7;9711ab;Groningen\n123456782;Piet;IVA;2019-03-14;OTN;Kerkstraat;;Groningen\n",
            Today);

        Assert.Equal(new PostalAddress("Kerkstraat 7", "9711 AB", "Groningen"), Assert.Single(rows).Address);
        Assert.Equal([new ImportError(3, "street", "Import.Error.Address"), new ImportError(3, "postcode", "Import.Error.Address")], errors);
    }
}
