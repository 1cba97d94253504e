using System.Text;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Views;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Letters;

/// <summary>
/// What the decision letter says was decided: the committee's advice as the directorate adopted it
/// (measures with their reasons, compensation with its basis), or, when the directorate deviated, what
/// it decided instead and why (Awb 3:50: a decision that departs from an advice says so and why).
/// Plain text with "- " items, for the letter template's {{decision}}. Scoped.
/// </summary>
public sealed class DecisionLetterText(AppDbContext db, JsonStringLocalizer texts)
{
    public async Task<string> ForAsync(Guid caseId, string language, CancellationToken cancellationToken) =>
        await ComposeAsync(caseId, await DecisionProposal.LatestAsync(db, caseId, cancellationToken), language, cancellationToken)
        + await AnswersToViewAsync(caseId, language, cancellationToken);

    /// <summary>
    /// The person's points on the last proposal with the directorate's answer to each (Awb 3:46: the reasons of the
    /// decision address the view), as "- " items; empty when they gave no view.
    /// </summary>
    private async Task<string> AnswersToViewAsync(Guid caseId, string language, CancellationToken cancellationToken)
    {
        var points = await db.DecisionViews.AsNoTracking().LatestOf(caseId)
            .SelectMany(v => v.Points).OrderBy(p => p.Number).Select(p => new { p.Text, p.Answer }).ToListAsync(cancellationToken);
        if (points.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("\n\n").Append(texts.In(language, "Letter.Decision.YourView"));
        foreach (var point in points)
        {
            text.Append("\n- ").Append(OneLine(point.Text)).Append(' ').Append(texts.In(language, "Letter.Decision.OurAnswer")).Append(' ').Append(OneLine(point.Answer ?? "-"));
        }

        return text.ToString();
    }

    /// <summary>The proposal being made now (its step's fields), before it is in the journal: the proposed decision's letter.</summary>
    public Task<string> ForProposalAsync(Guid caseId, IReadOnlyDictionary<string, string?> proposal, string language, CancellationToken cancellationToken) =>
        ComposeAsync(caseId, DecisionProposal.From(proposal), language, cancellationToken);

    private async Task<string> ComposeAsync(Guid caseId, DecisionProposal? latest, string language, CancellationToken cancellationToken)
    {
        var culture = language == "en" ? Cultures.English : Cultures.Dutch;
        var text = new StringBuilder();
        if (latest is { AdoptsAdvice: false, DecidedInstead: { } instead } proposal)
        {
            text.Append(texts.In(language, "Letter.Decision.Deviates")).Append('\n').Append(instead).Append("\n\n");
            text.Append(texts.In(language, "Letter.Decision.DeviationWhy")).Append('\n').Append(proposal.DeviationReasons ?? "-");
            return text.ToString();
        }

        var advice = await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == caseId, cancellationToken);
        if (advice is null)
        {
            return "-";
        }

        if (advice.NoAdditionalHelp)
        {
            return texts.In(language, "Letter.Decision.NoHelp") + "\n" + advice.NoAdditionalHelpReasons?.Trim() + Explained(advice, language);
        }

        text.Append(texts.In(language, "Letter.Decision.Measures"));
        foreach (var measure in advice.Measures)
        {
            text.Append("\n- ").Append(texts.In(language, "Measure." + measure.Kind)).Append(": ").Append(OneLine(measure.Reasons));
        }

        if (advice.Compensation is { } kind)
        {
            text.Append("\n\n").Append(texts.In(language, "Letter.Decision.Compensation")).Append(' ').Append(texts.In(language, "Compensation." + kind));
            if (advice.CompensationAmount is { } amount)
            {
                text.Append(": € ").Append(amount.ToString("N2", culture));
            }

            if (advice.CompensationDetails is { Length: > 0 } details)
            {
                text.Append('\n').Append(details.Trim());
            }
        }

        return text.Append(Explained(advice, language)).ToString();
    }

    /// <summary>The committee's explanation for the person (v5 on), after what it advises.</summary>
    private string Explained(Advice advice, string language) =>
        advice.ForThePerson is { Length: > 0 } why ? "\n\n" + texts.In(language, "Letter.Decision.ForThePerson") + "\n" + why.Trim() : string.Empty;

    /// <summary>A list item stays one item: line breaks inside a reason become spaces.</summary>
    private static string OneLine(string value) => string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
