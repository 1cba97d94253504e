using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Cases.Retriage;

/// <summary>
/// Intake's answer to "my situation got worse": the urgency raised (only upwards), or kept with a reason the person
/// reads. Journaled as a case event with the person as the source, and the person told by their channel (the email
/// carries only the reference; the letter and Mijn melding say what was decided). Scoped.
/// </summary>
public sealed class SituationOutcome(AppDbContext db, ReporterMessages messages)
{
    public const string RaisedTemplate = "situation_raised";

    public const string KeptTemplate = "situation_kept";

    public const int ReasonMaxLength = 2000;

    /// <summary>Null when recorded; otherwise the text key of the problem (nothing changed).</summary>
    public string? Apply(Report report, SituationReport open, UrgencyLevel? raiseTo, string? keptReason, string staffId, string staffName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(open);
        var reason = keptReason?.Trim();
        if (raiseTo is { } level && level <= report.Urgency)
        {
            return "Retriage.Error.NotHigher";
        }

        if (raiseTo is null && string.IsNullOrEmpty(reason))
        {
            return "Retriage.Error.ReasonRequired";
        }

        if (reason?.Length > ReasonMaxLength)
        {
            return "Retriage.Error.ReasonTooLong";
        }

        (open.HandledAt, open.HandledById, open.UrgencyBefore) = (now.UtcDateTime, staffId, report.Urgency);
        open.UrgencyAfter = raiseTo ?? report.Urgency;
        open.KeptReason = raiseTo is null ? reason : null;
        report.Urgency = open.UrgencyAfter.Value;
        db.CaseEvents.Add(CaseEvent.Of(report.Id, now, staffName, raiseTo is null ? "situation_kept" : "situation_raised",
            $"Retriage.Source.{open.ReportedBy switch { "Reporter" or "Representative" => open.ReportedBy, _ => "Staff" }},Urgency.{open.UrgencyAfter}"));
        var template = raiseTo is null ? KeptTemplate : RaisedTemplate;
        messages.Queue(report, template, $"situation:{open.Id}", raiseTo is null ? new Dictionary<string, string> { ["reason"] = reason! } : null);
        return null;
    }
}
