using System.Globalization;
using Herstelmeldpunt.Web.Forms;

namespace Herstelmeldpunt.Web.Cases.Decisions;

/// <summary>
/// The rules of the committee's advice form, one home for them (the page binds, calls and redirects):
/// each part's required fields, the amount, and every text within its 4,000-character column. Errors
/// come back in page order with the id of the field they belong to. Thread-safe.
/// </summary>
public static class AdviceValidator
{
    /// <summary>The columns the texts go into (Advices, RecoveryMeasures).</summary>
    public const int MaxText = Reports.FieldLimits.LongText;

    public static IReadOnlyList<FieldError> Recovery(IReadOnlyList<(RecoveryMeasureKind Kind, string? Reasons)> chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        var errors = new List<FieldError>();
        if (chosen.Count == 0)
        {
            errors.Add(new("Measure_" + RecoveryMeasureKind.RestoreBenefit, "Advice.Error.NoMeasure"));
        }

        foreach (var (kind, reasons) in chosen.Where(m => string.IsNullOrWhiteSpace(m.Reasons) || m.Reasons.Trim().Length > MaxText))
        {
            errors.Add(new("Reasons_" + kind, "Advice.Error.MeasureReasons"));
        }

        return errors;
    }

    public sealed record ValidCompensation(CompensationKind Kind, decimal? Amount, string? Details, string Reasons);

    public static (IReadOnlyList<FieldError> Errors, ValidCompensation? Compensation) Compensation(string? compensation, string? amountInput, string? details, string? reasons)
    {
        var errors = new List<FieldError>();
        CompensationKind? kind = compensation switch
        {
            "None" => CompensationKind.None,
            "Amount" => CompensationKind.Amount,
            "OtherForm" => CompensationKind.OtherForm,
            _ => null,
        };
        decimal? amount = null;
        if (kind is null)
        {
            errors.Add(new("Compensation", "Advice.Error.CompensationKind"));
        }
        else if (kind == CompensationKind.Amount)
        {
            if (!decimal.TryParse(amountInput?.Replace("€", string.Empty, StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.GetCultureInfo("nl-NL"), out var parsed) || parsed <= 0 || parsed > 10_000_000)
            {
                errors.Add(new("Amount", "Advice.Error.Amount"));
            }
            else
            {
                amount = Math.Round(parsed, 2);
            }
        }

        if (kind is CompensationKind.Amount or CompensationKind.OtherForm && string.IsNullOrWhiteSpace(details))
        {
            errors.Add(new("CompensationDetails", "Advice.Error.Details"));
        }
        else if (details?.Trim().Length > MaxText)
        {
            errors.Add(new("CompensationDetails", "Advice.Error.TooLong"));
        }

        if (string.IsNullOrWhiteSpace(reasons))
        {
            errors.Add(new("CompensationReasons", "Advice.Error.Reasons"));
        }
        else if (reasons.Trim().Length > MaxText)
        {
            errors.Add(new("CompensationReasons", "Advice.Error.TooLong"));
        }

        return errors.Count > 0
            ? (errors, null)
            : (errors, new ValidCompensation(kind!.Value, amount, kind == CompensationKind.None ? null : details!.Trim(), reasons!.Trim()));
    }

    public static IReadOnlyList<FieldError> NoHelp(string? reasons) =>
        string.IsNullOrWhiteSpace(reasons) ? [new("NoHelpReasons", "Advice.Error.Reasons")]
        : reasons.Trim().Length > MaxText ? [new("NoHelpReasons", "Advice.Error.TooLong")]
        : [];
}
