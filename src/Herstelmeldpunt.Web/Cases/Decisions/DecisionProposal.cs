using System.Text.Json;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Decisions;

/// <summary>
/// What the directorate proposed last (step <c>propose_decision</c>): whether it adopts the committee's
/// advice, and when not, what it decides instead and why. Read by the decision letter and Mijn melding,
/// so both say the same thing.
/// </summary>
public sealed record DecisionProposal(bool AdoptsAdvice, string? DecidedInstead, string? DeviationReasons)
{
    /// <summary>The latest proposal of the case, or null when none was made.</summary>
    public static async Task<DecisionProposal?> LatestAsync(AppDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var json = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.InstanceId == caseId && j.Transition == CaseVocabulary.ProposeDecisionTransition)
            .OrderByDescending(j => j.Sequence).Select(j => j.DataJson).FirstOrDefaultAsync(cancellationToken);
        if (json is null)
        {
            return null;
        }

        return From(JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? []);
    }

    /// <summary>A proposal from the step's fields (the journal's, or the step being taken).</summary>
    public static DecisionProposal From(IReadOnlyDictionary<string, string?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var instead = data.GetValueOrDefault(CaseVocabulary.Fields.DecidedInstead) is { Length: > 0 } text ? text.Trim() : null;
        return new DecisionProposal(data.GetValueOrDefault(CaseVocabulary.Fields.AdoptsAdvice) != "no" || instead is null, instead, data.GetValueOrDefault(CaseVocabulary.Fields.DeviationReasons)?.Trim());
    }
}
