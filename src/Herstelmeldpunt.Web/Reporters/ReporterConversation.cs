using System.Text.Json;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>A question from us or an answer, as Mijn melding shows it.</summary>
public sealed record Exchange(DateTime At, bool FromUs, string Text, bool ByReporter);

/// <summary>
/// What staff and the person said to each other about a report, read from the journal: the questions
/// asked and the answers given (by the person online or typed in by staff), the question still open,
/// and what staff wrote for the person when the report was closed as outside the target group.
/// </summary>
public sealed record ReporterConversation(IReadOnlyList<Exchange> Exchanges, string? OpenQuestion, (string? Explanation, string? Referral)? OutsideTargetGroup)
{
    public static async Task<ReporterConversation> ReadAsync(AppDbContext db, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(instance);
        var journal = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.InstanceId == instance.Id && (j.Transition == CaseVocabulary.Transitions.RequestInformation || j.Transition == CaseVocabulary.Transitions.InformationReceived || j.Transition == CaseVocabulary.Transitions.OutsideTargetGroup))
            .OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var outside = instance.State == CaseVocabulary.States.ClosedOutsideTargetGroup && journal.LastOrDefault(j => j.Transition == CaseVocabulary.Transitions.OutsideTargetGroup) is { } closing
            ? (Field(closing.DataJson, CaseVocabulary.Fields.Explanation), Field(closing.DataJson, CaseVocabulary.Fields.Referral))
            : ((string?, string?)?)null;
        journal = [.. journal.Where(j => j.Transition != CaseVocabulary.Transitions.OutsideTargetGroup)];
        var exchanges = journal
            .Select(j => (Entry: j, Text: Field(j.DataJson, j.Transition == CaseVocabulary.Transitions.RequestInformation ? CaseVocabulary.Fields.Question : CaseVocabulary.Fields.Answer)))
            .Where(x => x.Text is not null)
            .Select(x => new Exchange(x.Entry.At, x.Entry.Transition == CaseVocabulary.Transitions.RequestInformation, x.Text!, x.Entry.Role == CaseVocabulary.ReporterRole))
            .ToList();
        var open = instance.State == CaseVocabulary.States.AwaitingInformation && journal.LastOrDefault(j => j.Transition == CaseVocabulary.Transitions.RequestInformation) is { } asked
            ? Field(asked.DataJson, CaseVocabulary.Fields.Question)
            : null;
        return new ReporterConversation(exchanges, open, outside);
    }

    private static string? Field(string? json, string name)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
