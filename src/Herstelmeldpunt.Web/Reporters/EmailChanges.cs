using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// A changed email address is confirmed before we use it: the new address gets a link to confirm it, the old one is
/// told with a link to undo the change, and until it is confirmed every message keeps going to the old address. Asking
/// again for the same address (the person's or the representative's) makes the older links useless. Removing an
/// address needs no confirmation (the old one is told). The same for a change made by staff on the person's behalf.
/// Everything is written in the caller's unit of work. Scoped.
/// </summary>
public sealed class EmailChanges(AppDbContext db, TimeProvider clock, EmailTemplates templates, EmailChangeOptions options, ReportingPointContact contact, PublicUrls urls)
{
    /// <summary>To the new address: "confirm this address".</summary>
    public const string ConfirmTemplate = "email_confirm";

    /// <summary>To the old address: "someone asked to change it; not you? undo it".</summary>
    public const string UndoTemplate = "email_change_requested";

    /// <summary>To the old address when the address was removed.</summary>
    public const string RemovedTemplate = "email_removed";

    /// <summary>The changes not yet confirmed, undone or replaced, and not expired (Mijn melding and the staff page show them).</summary>
    public static Task<List<EmailChange>> PendingAsync(AppDbContext db, DateTime now, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.EmailChanges.AsNoTracking()
            .Where(c => c.CaseId == caseId && c.ConfirmedAt == null && c.UndoneAt == null && c.SupersededAt == null && c.ExpiresAt > now)
            .OrderBy(c => c.ForRepresentative).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// After a contact form was applied to the report: a new or changed address is put back until it is confirmed (asked
    /// for here, its text key taken out of <paramref name="changed"/>); a removed one stays removed and the old address is
    /// told. Returns whether an address now waits for confirmation.
    /// </summary>
    public async Task<bool> HoldUntilConfirmedAsync(Report report, List<string> changed, string? oldEmail, string? oldRepresentativeEmail, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(changed);
        var waiting = false;
        foreach (var (forRepresentative, old) in new[] { (false, oldEmail), (true, oldRepresentativeEmail) })
        {
            var wanted = forRepresentative ? report.RepresentativeEmail : report.Email;
            if (wanted is null)
            {
                if (old is not null)
                {
                    await RemovedAsync(report, forRepresentative, old, cancellationToken);
                }

                continue;
            }

            if (string.Equals(wanted, old, StringComparison.OrdinalIgnoreCase))
            {
                await SupersedeAsync(report.Id, forRepresentative, clock.GetUtcNow(), cancellationToken); // kept (or only its capitals changed): a waiting change is off
                continue;
            }

            Set(report, forRepresentative, old);
            changed.Remove(Field(forRepresentative));
            waiting |= await RequestAsync(report, forRepresentative, wanted, requestedBy, cancellationToken);
        }

        return waiting;
    }

    /// <summary>
    /// Asks for a new address: nothing changes on the report yet. Returns whether it now waits for confirmation: false for
    /// the address in use; true, without a second mail, for the address already waiting (a second click).
    /// </summary>
    public async Task<bool> RequestAsync(Report report, bool forRepresentative, string newAddress, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.GetUtcNow();
        var old = forRepresentative ? report.RepresentativeEmail : report.Email;
        if (string.Equals(old, newAddress, StringComparison.OrdinalIgnoreCase))
        {
            await SupersedeAsync(report.Id, forRepresentative, now, cancellationToken); // back to the address in use: the waiting change is off
            return false;
        }

        var open = await OpenAsync(report.Id, forRepresentative, cancellationToken);
        if (open.Any(c => c.ExpiresAt > now.UtcDateTime && string.Equals(c.NewAddress, newAddress, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        open.ForEach(older => older.SupersededAt = now.UtcDateTime);
        var confirmToken = ReporterAccess.NewToken();
        var undoToken = old is null ? null : ReporterAccess.NewToken();
        var change = new EmailChange
        {
            Id = Guid.CreateVersion7(now),
            CaseId = report.Id,
            ForRepresentative = forRepresentative,
            NewAddress = newAddress,
            OldAddress = old,
            ConfirmTokenHash = ReporterAccess.Hash(confirmToken),
            UndoTokenHash = undoToken is null ? null : ReporterAccess.Hash(undoToken),
            RequestedBy = requestedBy,
            RequestedAt = now.UtcDateTime,
            ExpiresAt = (now + options.ConfirmLifetime).UtcDateTime,
            UndoUntil = (now + options.UndoLifetime).UtcDateTime,
        };
        db.EmailChanges.Add(change);

        var baseUrl = urls.Base();
        Send(report, newAddress, ConfirmTemplate, $"email-confirm:{change.Id}", baseUrl + ReporterLinkCultureProvider.ConfirmEmailPathPrefix + confirmToken, change.ExpiresAt);
        if (old is not null)
        {
            Send(report, old, UndoTemplate, $"email-undo:{change.Id}", baseUrl + ReporterLinkCultureProvider.UndoEmailPathPrefix + undoToken, change.UndoUntil);
        }

        db.CaseEvents.Add(CaseEvent.Of(report.Id, now, requestedBy, "email_change_requested", Field(forRepresentative)));
        return true;
    }

    /// <summary>The address was removed (no confirmation needed): the old address is told; a waiting change is off.</summary>
    public async Task RemovedAsync(Report report, bool forRepresentative, string oldAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.GetUtcNow();
        await SupersedeAsync(report.Id, forRepresentative, now, cancellationToken);
        Send(report, oldAddress, RemovedTemplate, $"email-removed:{report.Id}:{forRepresentative}:{now.UtcTicks}", link: null, until: null);
    }

    /// <summary>Whether the confirmation link can still be used (the page asks before the button).</summary>
    public async Task<EmailChange?> ConfirmableAsync(string token, CancellationToken cancellationToken)
    {
        var hash = ReporterAccess.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var change = await db.EmailChanges.FirstOrDefaultAsync(c => c.ConfirmTokenHash == hash, cancellationToken);
        return change is not null && change.IsPending(now) ? change : null;
    }

    /// <summary>The new address is in use from now on. False when the link is unknown, used, replaced, undone or expired.</summary>
    public async Task<bool> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        if (await ConfirmableAsync(token, cancellationToken) is not { } change)
        {
            return false;
        }

        var report = await db.Reports.SingleAsync(r => r.Id == change.CaseId, cancellationToken);
        if (change.ForRepresentative && report.RepresentativeName is null)
        {
            return false; // the representative was removed meanwhile
        }

        var now = clock.GetUtcNow();
        Set(report, change.ForRepresentative, change.NewAddress);
        change.ConfirmedAt = now.UtcDateTime;
        db.CaseEvents.Add(CaseEvent.Of(report.Id, now, change.ForRepresentative ? ReporterAccess.RepresentativeActorName : "Melder (e-mail)", "email_change_confirmed", Field(change.ForRepresentative)));
        return true;
    }

    /// <summary>Whether the undo link can still be used.</summary>
    public async Task<EmailChange?> UndoableAsync(string token, CancellationToken cancellationToken)
    {
        var hash = ReporterAccess.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var change = await db.EmailChanges.FirstOrDefaultAsync(c => c.UndoTokenHash == hash, cancellationToken);
        if (change is null || change.UndoneAt != null || change.SupersededAt != null || change.UndoUntil <= now)
        {
            return null;
        }

        if (change.ConfirmedAt is null)
        {
            return change;
        }

        // Confirmed: only while the new address is still the one in use (a later change has its own undo link).
        var current = await db.Reports.Where(r => r.Id == change.CaseId).Select(r => change.ForRepresentative ? r.RepresentativeEmail : r.Email).SingleAsync(cancellationToken);
        return string.Equals(current, change.NewAddress, StringComparison.OrdinalIgnoreCase) ? change : null;
    }

    /// <summary>
    /// Undone from the old mailbox: a waiting change can no longer be confirmed; a confirmed one is put back to the old
    /// address and every session on Mijn melding ends (whoever got in through the new mailbox is out).
    /// </summary>
    public async Task<bool> UndoAsync(string token, CancellationToken cancellationToken)
    {
        if (await UndoableAsync(token, cancellationToken) is not { } change)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (change.ConfirmedAt is not null)
        {
            var report = await db.Reports.SingleAsync(r => r.Id == change.CaseId, cancellationToken);
            Set(report, change.ForRepresentative, change.OldAddress);
            await db.Set<ReporterSignIn>().Where(s => s.ReportId == change.CaseId && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now.UtcDateTime), cancellationToken);
        }

        change.UndoneAt = now.UtcDateTime;
        db.CaseEvents.Add(CaseEvent.Of(change.CaseId, now, "Melder (oude e-mailadres)", "email_change_undone", Field(change.ForRepresentative)));
        return true;
    }

    private static void Set(Report report, bool forRepresentative, string? address)
    {
        if (forRepresentative)
        {
            report.RepresentativeEmail = address;
        }
        else
        {
            report.Email = address;
        }
    }

    private static string Field(bool forRepresentative) => forRepresentative ? "Field.RepresentativeEmail" : "MyReport.Email";

    /// <summary>The changes of this address not yet confirmed, undone or replaced (expired ones too: a new request replaces them), tracked.</summary>
    private Task<List<EmailChange>> OpenAsync(Guid caseId, bool forRepresentative, CancellationToken cancellationToken) =>
        db.EmailChanges.Where(c => c.CaseId == caseId && c.ForRepresentative == forRepresentative && c.ConfirmedAt == null && c.UndoneAt == null && c.SupersededAt == null)
            .ToListAsync(cancellationToken);

    private async Task SupersedeAsync(Guid caseId, bool forRepresentative, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await OpenAsync(caseId, forRepresentative, cancellationToken)).ForEach(older => older.SupersededAt = now.UtcDateTime);

    /// <summary>The mail carries no case details: the reference, the link (when there is one), until when it works and our number.</summary>
    private void Send(Report report, string to, string template, string idempotencyKey, string? link, DateTime? until)
    {
        var values = EmailTemplates.Placeholders.ToDictionary(p => p, _ => "-");
        values["reference"] = report.ReferenceNumber;
        values["contact_phone"] = contact.Phone;
        if (link is not null)
        {
            values["link"] = link;
        }

        if (until is { } u)
        {
            values["link_until"] = Common.AmsterdamTime.Spelled(u, report.Language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch);
        }

        var rendered = templates.Render(template, report.Language, values);
        EmailOutbox.Enqueue(db, clock, idempotencyKey, new OutgoingEmail(to, rendered.Subject, rendered.Text, rendered.Html)
        {
            Template = template,
            CaseId = report.Id,
            Priority = OutboxPriority.Reporter,
            ContainsOneTimeLink = link is not null,
        });
    }
}
