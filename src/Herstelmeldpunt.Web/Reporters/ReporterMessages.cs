using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// Every message to the reporter goes through here, in the caller's unit of work and the person's
/// language: a templated email to the reporter (or their representative) with a one-time link to Mijn
/// melding (the body is blanked once sent) and the address where a new link can be asked for; and, when
/// the event has a letter (Letters/Templates), the letter, posted when no email reaches the person.
/// Scoped.
/// </summary>
public sealed class ReporterMessages(AppDbContext db, TimeProvider clock, EmailTemplates templates, ReporterAccessOptions access, ReportingPointContact contact, PublicUrls urls, ReporterLetters letters, Cases.Promises.PromiseLedger promises)
{
    /// <summary>The mail with a link the person asked for (Mijn melding, "ask for a link").</summary>
    public const string AccessLinkTemplate = "access_link";

    /// <summary>A message about the case as the person sees it listed: its subject, when it was made, sent or refused.</summary>
    public sealed record Sent(string Subject, DateTime CreatedAt, DateTime? SentAt, bool Refused);

    /// <summary>Every message about the case, newest first (Mijn melding).</summary>
    public static async Task<IReadOnlyList<Sent>> SentForAsync(AppDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.CaseId == caseId)
            .OrderByDescending(m => m.CreatedAt)
            .Select(m => new Sent(m.Subject, m.CreatedAt, m.SentAt, m.FailedAt != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Returns false when there is no email address to write to (the person chose the phone only); a letter is then posted where the event has one.</summary>
    /// <param name="toRepresentative">Null: the reporter's address, else the representative's; true or false: that one.</param>
    /// <param name="calendar">A calendar file to attach to the email (a booked conversation).</param>
    /// <param name="promised">The date the message promises, when its template makes a promise (<see cref="Cases.Promises.PromiseCatalogue"/>): it goes into the promise ledger.</param>
    public bool Queue(Report report, string template, string idempotencyKey, IReadOnlyDictionary<string, string>? values = null, bool? toRepresentative = null, string? calendar = null, Cases.Promises.Promised? promised = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!ContactRule.MaySend(report, template))
        {
            return false; // a call announcement to someone we cannot call
        }

        var representative = toRepresentative ?? report.Email is null;
        var to = representative ? report.RepresentativeEmail : report.Email;
        var letter = letters.Write(report, template, "letter:" + idempotencyKey, values, reachedByEmail: to is not null);
        if (letter is not null || to is not null)
        {
            // Whatever reaches the person: the date it names goes into the ledger, and the silence alarm starts again.
            promises.Record(report.Id, template, promised);
            MarkMessaged(report);
        }

        if (to is null)
        {
            return false;
        }

        // Never promise a call to someone we cannot call: a template may have a variant for that.
        template = ContactRule.Template(report, template, EmailTemplates.Exists);

        // A link the person just asked for is short-lived; one in a message we send on our own lives for days (the mail says until when).
        var lifetime = template == AccessLinkTemplate ? access.LinkLifetime : access.NotificationLinkLifetime;
        var token = ReporterAccess.Issue(db, clock, access, report.Id, representative, lifetime);
        var until = Common.AmsterdamTime.Spelled((clock.GetUtcNow() + lifetime).UtcDateTime, report.Language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch);
        var baseUrl = urls.Base();
        // A placeholder the event did not give (a case on an older process version has no answer-by date) reads "-",
        // as in letters: never a crash in the middle of a step.
        var all = EmailTemplates.Placeholders.ToDictionary(p => p, _ => "-");
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            all[key] = MessageDates.Format(key, value, report.Language);
        }

        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["reference"] = report.ReferenceNumber,
            ["link"] = $"{baseUrl}/mijn-melding/link/{token}",
            ["request_link"] = $"{baseUrl}/mijn-melding/link-aanvragen",
            ["contact_phone"] = contact.Phone,
            ["link_until"] = until,
        })
        {
            all[key] = value;
        }

        // "Call me back about this message": through the same one-time link, to the callback page with this message chosen.
        var messageId = Guid.CreateVersion7(clock.GetUtcNow());
        all["callback_link"] = $"{baseUrl}/mijn-melding/link/{token}?bericht={messageId:N}";
        var rendered = templates.Render(template, report.Language, all);
        EmailOutbox.Enqueue(db, clock, idempotencyKey, new OutgoingEmail(to, rendered.Subject, rendered.Text, rendered.Html)
        {
            Id = messageId,
            Template = template,
            CaseId = report.Id,
            Priority = template == "receipt" ? OutboxPriority.Receipt : OutboxPriority.Reporter,
            ContainsOneTimeLink = true,
            CalendarFile = calendar,
        });
        return true;
    }

    /// <summary>
    /// The person was sent something: the report keeps the moment (the silence alarm and its percentile read it, not the
    /// outbox). Only that column is written, also when the caller read the report without tracking it.
    /// </summary>
    private void MarkMessaged(Report report)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = db.ChangeTracker.Entries<Report>().FirstOrDefault(e => e.Entity.Id == report.Id) ?? db.Attach(report);
        entry.Entity.LastMessageAt = now;
        report.LastMessageAt = now;
        if (entry.State is EntityState.Unchanged or EntityState.Modified)
        {
            entry.Property(r => r.LastMessageAt).IsModified = true;
        }
    }
}
