using System.Globalization;
using Herstelmeldpunt.Web.Common.Csv;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.TargetGroup;

/// <summary>A problem in the file: the line (1 = header), the column, the key of the message and, for a repeated BSN, the line it first appeared on.</summary>
public sealed record ImportError(int Line, string Field, string MessageKey, int? OtherLine = null);

public sealed record ImportRow(int Line, string Bsn, string FullName, BenefitType BenefitType, DateOnly ReassessmentDate, string Team, PostalAddress? Address = null);

/// <summary>
/// Reads the target-group CSV: a header with the columns bsn, naam, uitkering, herbeoordelingsdatum,
/// team (English names bsn, name, benefit, reassessment_date, team also work), and optionally the address for
/// the letter: straat (street and house number), postcode, woonplaats (English street, postcode, city);
/// separated by ";" or "," (whichever the header uses most).
/// Dates as yyyy-mm-dd or dd-mm-yyyy. Every row is checked; the file is only good when no row has an error.
/// </summary>
public static class TargetGroupCsv
{
    public const int MaxRows = 100_000;

    private static readonly Dictionary<string, string> ColumnNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bsn"] = "bsn",
        ["burgerservicenummer"] = "bsn",
        ["naam"] = "name",
        ["name"] = "name",
        ["uitkering"] = "benefit",
        ["benefit"] = "benefit",
        ["herbeoordelingsdatum"] = "date",
        ["reassessment_date"] = "date",
        ["team"] = "team",
        ["straat"] = "street",
        ["adres"] = "street",
        ["street"] = "street",
        ["postcode"] = "postcode",
        ["woonplaats"] = "city",
        ["plaats"] = "city",
        ["city"] = "city",
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd/MM/yyyy", "d/M/yyyy"];

    public static (IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors) Read(string content, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        content = content.TrimStart('\uFEFF');
        var firstLine = content.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
        using var records = CsvText.Read(content, delimiter).GetEnumerator();
        if (!records.MoveNext())
        {
            return (rows, [new ImportError(1, "file", "Import.Error.Empty")]);
        }

        var header = records.Current.Fields;
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (ColumnNames.TryGetValue(header[i].Trim(), out var known))
            {
                columns.TryAdd(known, i);
            }
        }

        foreach (var required in new[] { "bsn", "name", "benefit", "date", "team" })
        {
            if (!columns.ContainsKey(required))
            {
                errors.Add(new ImportError(records.Current.Line, required, "Import.Error.MissingColumn"));
            }
        }

        if (errors.Count > 0)
        {
            return (rows, errors);
        }

        var firstLineOfBsn = new Dictionary<string, int>();
        var count = 0;
        while (records.MoveNext())
        {
            var record = records.Current;
            var line = record.Line;
            if (++count > MaxRows)
            {
                errors.Add(new ImportError(line, "file", "Import.Error.TooManyRows"));
                break;
            }

            string Field(string name) => columns.TryGetValue(name, out var column) && column < record.Fields.Count ? record.Fields[column].Trim() : string.Empty;
            var before = errors.Count;

            var bsn = Bsn.Normalize(Field("bsn"));
            if (bsn.Length == 0)
            {
                errors.Add(new ImportError(line, "bsn", "Import.Error.Required"));
            }
            else if (!Bsn.PassesElevenCheck(bsn))
            {
                errors.Add(new ImportError(line, "bsn", "Import.Error.Bsn"));
            }
            else if (firstLineOfBsn.TryGetValue(bsn, out var earlier))
            {
                errors.Add(new ImportError(line, "bsn", "Import.Error.DuplicateBsn", earlier));
            }
            else
            {
                firstLineOfBsn[bsn] = line;
            }

            var name = Field("name");
            if (name.Length == 0)
            {
                errors.Add(new ImportError(line, "name", "Import.Error.Required"));
            }
            else if (name.Length > FieldLimits.Name)
            {
                errors.Add(new ImportError(line, "name", "Import.Error.TooLong"));
            }

            BenefitType? benefit = Field("benefit").ToUpperInvariant() switch
            {
                "WGA" => BenefitType.Wga,
                "IVA" => BenefitType.Iva,
                _ => null,
            };
            if (benefit is null)
            {
                errors.Add(new ImportError(line, "benefit", "Import.Error.Benefit"));
            }

            DateOnly? date = DateOnly.TryParseExact(Field("date"), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
            if (date is null)
            {
                errors.Add(new ImportError(line, "date", "Import.Error.Date"));
            }
            else if (date > today)
            {
                errors.Add(new ImportError(line, "date", "Import.Error.FutureDate"));
            }

            var team = Field("team");
            if (team.Length == 0)
            {
                errors.Add(new ImportError(line, "team", "Import.Error.Required"));
            }
            else if (team.Length > FieldLimits.Team)
            {
                errors.Add(new ImportError(line, "team", "Import.Error.TooLong"));
            }

            // The address is optional; when given, it is checked like an address at intake.
            var address = PostalAddress.Validate(Field("street"), Field("postcode"), Field("city"), required: false, string.Empty, (field, _) => errors.Add(new ImportError(line, field.ToLowerInvariant(), "Import.Error.Address")));

            if (errors.Count == before)
            {
                rows.Add(new ImportRow(line, bsn, name, benefit!.Value, date!.Value, team, address));
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(2, "file", "Import.Error.NoRows"));
        }

        return (rows, errors);
    }
}
