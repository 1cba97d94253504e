using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Email;

/// <summary>
/// Queues a templated email to the reporter (or their representative) in the caller's unit of work,
/// in the person's language, with a one-time link to Mijn melding (the body is blanked once sent) and
/// the address where a new link can be asked for. Scoped.
/// </summary>
public sealed class ReporterEmail(AppDbContext db, TimeProvider clock, EmailTemplates templates, ReporterAccessOptions access, EmailOptions email, ReportingPointContact contact, IHttpContextAccessor http)
{
    /// <summary>Returns false when there is no email address to write to (the person chose the phone only).</summary>
    /// <param name="toRepresentative">Null: the reporter's address, else the representative's; true or false: that one.</param>
    public bool Queue(Report report, string template, string idempotencyKey, IReadOnlyDictionary<string, string>? values = null, bool? toRepresentative = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var representative = toRepresentative ?? report.Email is null;
        var to = representative ? report.RepresentativeEmail : report.Email;
        if (to is null)
        {
            return false;
        }

        // Never promise a call to someone we cannot call: a template may have a variant for that.
        if (report.Phone is null && report.RepresentativePhone is null && EmailTemplates.Exists(template + "_nophone"))
        {
            template += "_nophone";
        }

        var token = ReporterAccess.Issue(db, clock, access, report.Id, representative);
        var baseUrl = BaseUrl();
        var all = new Dictionary<string, string>(values ?? new Dictionary<string, string>())
        {
            ["reference"] = report.ReferenceNumber,
            ["link"] = $"{baseUrl}/mijn-melding/link/{token}",
            ["request_link"] = $"{baseUrl}/mijn-melding/link-aanvragen",
            ["contact_phone"] = contact.Phone,
        };
        var rendered = templates.Render(template, report.Language, all);
        EmailOutbox.Enqueue(db, clock, idempotencyKey, new OutgoingEmail(to, rendered.Subject, rendered.Text, rendered.Html)
        {
            Template = template,
            CaseId = report.Id,
            Priority = template == "receipt" ? OutboxPriority.Receipt : OutboxPriority.Reporter,
            ContainsOneTimeLink = true,
        });
        return true;
    }

    /// <summary>Email:PublicBaseUrl; else the address of the request being served; else the development address.</summary>
    private string BaseUrl() =>
        email.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
        : http.HttpContext?.Request is { } request ? email.BaseUrl(request)
        : "http://localhost:5064";
}
