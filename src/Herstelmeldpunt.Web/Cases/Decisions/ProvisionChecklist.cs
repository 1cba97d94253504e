using Herstelmeldpunt.Web.Cases.Process;
namespace Herstelmeldpunt.Web.Cases.Decisions;

/// <summary>
/// What the final decision obliges us to carry out, one line each, so that intake staff tick every decided
/// measure instead of describing it in free text: the advised recovery measures and compensation when the
/// directorate adopted the advice, or the one decision it took instead. "No additional help" leaves nothing to
/// tick. A line's key is stable (the measure's kind, "compensation" or "decided_instead"). Thread-safe.
/// </summary>
public static class ProvisionChecklist
{
    public const string CompensationKey = "compensation";

    public const string DecidedInsteadKey = CaseVocabulary.Fields.DecidedInstead;

    /// <summary>One thing to carry out: its key, the text key of its label (or null) and any words of the decision to show.</summary>
    public sealed record Item(string Key, string? LabelKey, string? Detail, decimal? Amount = null);

    public static IReadOnlyList<Item> For(Advice? advice, IReadOnlyDictionary<string, string?>? proposal)
    {
        if (proposal?.GetValueOrDefault(CaseVocabulary.Fields.AdoptsAdvice) == "no")
        {
            return [new Item(DecidedInsteadKey, null, proposal.GetValueOrDefault(CaseVocabulary.Fields.DecidedInstead))];
        }

        if (advice is null || advice.NoAdditionalHelp)
        {
            return [];
        }

        var items = advice.Measures.OrderBy(m => m.Kind).Select(m => new Item(m.Kind.ToString(), "Measure." + m.Kind, null)).ToList();
        if (advice.Compensation is { } kind && kind != CompensationKind.None)
        {
            items.Add(new Item(CompensationKey, "Compensation." + kind, advice.CompensationDetails, advice.CompensationAmount));
        }

        return items;
    }

    /// <summary>The lines not ticked; carried out means every line is.</summary>
    public static IReadOnlyList<Item> Unticked(IReadOnlyList<Item> items, IReadOnlyDictionary<string, bool> ticked)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(ticked);
        return [.. items.Where(i => !ticked.GetValueOrDefault(i.Key))];
    }
}
