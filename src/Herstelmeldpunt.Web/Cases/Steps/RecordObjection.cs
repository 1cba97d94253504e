using System.Globalization;
using Herstelmeldpunt.Web.Cases.Objections;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// Registering an objection (v6 on): the <see cref="Objection"/> row with the grounds, who helps the person and whether
/// it is late — a late one is registered like any other and waits for a reasoned decision on lateness (Awb 6:11).
/// Scoped.
/// </summary>
public sealed class RecordObjection(AppDbContext db) : ICaseEffect, INamedCaseStep
{
    public static string StepName => CaseVocabulary.Effects.RecordObjection;

    public async Task<FieldProblem?> ApplyAsync(EffectContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.Data;
        if (!DateOnly.TryParseExact(data.GetValueOrDefault(CaseVocabulary.Fields.ObjectionDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var received))
        {
            return null; // required by the definition: the engine said so already
        }

        var decidedOn = await db.Set<CaseDeadline>().Where(d => d.CaseId == context.Report.Id).Select(d => d.DecidedOn).FirstOrDefaultAsync(cancellationToken);
        var lastDay = decidedOn is { } decided ? ObjectionTerm.LastDay(decided) : received;
        var byPerson = context.Actor.Roles.Contains(CaseVocabulary.ReporterRole);
        db.Objections.Add(new Objection
        {
            Id = Guid.CreateVersion7(context.Now),
            CaseId = context.Report.Id,
            ReceivedOn = received,
            RegisteredAt = context.Now.UtcDateTime,
            FiledBy = byPerson ? (context.Actor.Name == Reporters.ReporterAccess.RepresentativeActorName ? "Representative" : "Reporter") : context.Actor.Name,
            Grounds = data.GetValueOrDefault(CaseVocabulary.Fields.Grounds)?.Trim() ?? string.Empty,
            RepresentativeName = Text(data, CaseVocabulary.Fields.RepresentativeName),
            RepresentativeContact = Text(data, CaseVocabulary.Fields.RepresentativeContact),
            RepresentativeIsLawyer = data.GetValueOrDefault(CaseVocabulary.Fields.RepresentativeIsLawyer) == "yes",
            LastDay = lastDay,
            Late = received > lastDay,
            LateReason = Text(data, CaseVocabulary.Fields.LateReason),
        });
        return null;
    }

    private static string? Text(IReadOnlyDictionary<string, string?> data, string field) =>
        data.GetValueOrDefault(field)?.Trim() is { Length: > 0 } text ? text : null;
}
