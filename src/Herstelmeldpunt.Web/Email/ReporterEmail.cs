using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Email;

/// <summary>Queues a templated email to the reporter (or their representative) in the caller's unit of work.</summary>
public static class ReporterEmail
{
    /// <summary>Returns false when there is no email address to write to (the person chose the phone only).</summary>
    public static bool Queue(AppDbContext db, TimeProvider clock, EmailTemplates templates, Report report, string template, string idempotencyKey, IReadOnlyDictionary<string, string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(report);
        var to = report.Email ?? report.RepresentativeEmail;
        if (to is null)
        {
            return false;
        }

        var all = new Dictionary<string, string>(values ?? new Dictionary<string, string>()) { ["reference"] = report.ReferenceNumber };
        var email = templates.Render(template, report.Language, all);
        EmailOutbox.Enqueue(db, clock, idempotencyKey, new OutgoingEmail(to, email.Subject, email.Text, email.Html)
        {
            Template = template,
            CaseId = report.Id,
            Priority = template == "receipt" ? OutboxPriority.Receipt : OutboxPriority.Reporter,
        });
        return true;
    }
}
