using Herstelmeldpunt.Web.Cases.Decisions;

namespace Herstelmeldpunt.Web.Tests.Cases.Decisions;

public sealed class AdviceValidatorTests
{
    private static readonly string TooLong = new('x', AdviceValidator.MaxText + 1);

    [Fact]
    public void Recovery_needs_a_measure_and_reasons_within_the_column_for_each_chosen_one()
    {
        Assert.Equal(["Measure_RestoreBenefit"], AdviceValidator.Recovery([]).Select(e => e.Field));
        Assert.Equal(["Reasons_PsychologicalSupport"], AdviceValidator.Recovery([(RecoveryMeasureKind.RestoreBenefit, "Gestopt."), (RecoveryMeasureKind.PsychologicalSupport, TooLong)]).Select(e => e.Field));
        Assert.Empty(AdviceValidator.Recovery([(RecoveryMeasureKind.RestoreBenefit, new string('x', AdviceValidator.MaxText))]));
    }

    [Theory]
    [InlineData(null, null, null, null, "Compensation,CompensationReasons")]
    [InlineData("Amount", "0", "Vier maanden", "Schade", "Amount")]
    [InlineData("Amount", "2.500,50", "", "Schade", "CompensationDetails")]
    [InlineData("OtherForm", null, "long", "long", "CompensationDetails,CompensationReasons")]
    [InlineData("None", null, null, "Geen schade", "")]
    public void Compensation_errors_come_in_page_order(string? kind, string? amount, string? details, string? reasons, string fields)
    {
        var (errors, valid) = AdviceValidator.Compensation(kind, amount, details == "long" ? TooLong : details, reasons == "long" ? TooLong : reasons);
        Assert.Equal(fields, string.Join(',', errors.Select(e => e.Field)));
        Assert.Equal(fields.Length == 0, valid is not null);
    }

    [Fact]
    public void An_amount_is_read_the_Dutch_way_and_rounded_to_cents()
    {
        var (_, valid) = AdviceValidator.Compensation("Amount", "€ 2.500,555", "Vier maanden", "Schade");
        Assert.Equal(2500.56m, valid!.Amount);
    }

    [Fact]
    public void No_help_needs_reasons_within_the_column() =>
        Assert.Equal(["Advice.Error.Reasons", "Advice.Error.TooLong"], new[] { " ", TooLong }.SelectMany(AdviceValidator.NoHelp).Select(e => e.MessageKey));
}
