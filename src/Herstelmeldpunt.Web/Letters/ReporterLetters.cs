using System.Security.Cryptography;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Letters;

/// <summary>
/// Writes a letter to the person in the caller's unit of work: fills the template in the person's
/// language, renders the PDF and keeps it with the case with its hash. It follows the person's terms: a
/// person without an email address gets every message that has a letter template by post; the decision
/// is always written (a decision is made known in writing): posted when there is an address, else kept
/// on Mijn melding and the case page. Someone who reads email gets no other letters (no paper, and no
/// PDFs stored for a million reports). A letter to post without a complete address is marked so staff ask
/// for one. Scoped.
/// </summary>
public sealed class ReporterLetters(AppDbContext db, TimeProvider clock, LetterTemplates templates, ReportingPointContact contact, PublicUrls urls)
{
    public const string AccessLinkByPost = "access_link_by_post";

    /// <summary>Templates whose letter is posted even to a person who reads email: the decision, and the decision on an objection.</summary>
    private static readonly HashSet<string> AlwaysPosted = ["decision_final", "objection_upheld", "objection_dismissed", "decision_proposed", "complaint_decided"];

    /// <summary>Returns null when there is no letter for this template.</summary>
    /// <param name="reachedByEmail">Whether the same message went out by email.</param>
    public CaseLetter? Write(Report report, string template, string idempotencyKey, IReadOnlyDictionary<string, string>? values, bool reachedByEmail)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Someone who reads email gets the letter only for the formal steps: the proposed decision and the decision (as PDF).
        if (!LetterTemplates.Exists(template) || (reachedByEmail && !AlwaysPosted.Contains(template)))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var today = AmsterdamTime.Today(clock);
        var culture = report.Language == "en" ? Cultures.English : Cultures.Dutch;
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var placeholder in LetterTemplates.Placeholders)
        {
            all[placeholder] = "-"; // a value the event did not give: never a crash in the middle of a step
        }

        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            all[key] = MessageDates.Format(key, value, report.Language);
        }

        all["reference"] = report.ReferenceNumber;
        all["name"] = report.FullName;
        all["received_on"] = AmsterdamTime.DateOf(report.ReceivedAt).ToString("d MMMM yyyy", culture);
        all["contact_phone"] = contact.Phone;
        all["contact_address"] = contact.PostalAddress;
        all["request_url"] = urls.Base() + "/mijn-melding/link-aanvragen";

        // The same phone rule as the emails: a letter to someone we cannot call promises no call.
        var (subject, body) = templates.Fill(ContactRule.Template(report, template, LetterTemplates.Exists), report.Language, all);
        var post = !reachedByEmail || report.HasPostalAddress;
        var rendered = LetterDocument.Render(
            new LetterContent(report.Language, AddressLines(report), today, report.ReferenceNumber, subject, body, Sender(contact, report.Language), contact.Phone),
            now.UtcDateTime);
        var letter = new CaseLetter
        {
            Id = Guid.CreateVersion7(now),
            CaseId = report.Id,
            IdempotencyKey = idempotencyKey,
            Template = template,
            Language = report.Language == "en" ? "en" : "nl",
            Subject = subject,
            CreatedAt = now.UtcDateTime,
            Pdf = rendered.Pdf,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(rendered.Pdf)),
            Pages = rendered.Pages,
            Delivery = !post ? LetterDelivery.Online : report.HasPostalAddress ? LetterDelivery.Post : LetterDelivery.NoAddress,
        };
        db.CaseLetters.Add(letter);
        return letter;
    }

    /// <summary>The address block: the person, "p/a" whoever helps them when they filed for them, street, postcode and city.</summary>
    public static IReadOnlyList<string> AddressLines(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string> { report.FullName };
        if (report.FiledByRepresentative && report.RepresentativeName is { } helper)
        {
            lines.Add((report.Language == "en" ? "c/o " : "p/a ") + helper);
        }

        if (report.HasPostalAddress)
        {
            lines.Add(report.AddressStreet!);
            lines.Add(PostalAddress.PostcodeAndCity(report.AddressPostcode, report.AddressCity));
        }

        return lines;
    }

    /// <summary>The sender block at the top of every letter: name, postal address, phone with hours, email.</summary>
    public static IReadOnlyList<string> Sender(ReportingPointContact contact, string language)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return [language == "en" ? "Recovery reporting point" : "Meldpunt herstelactie", contact.PostalAddress, contact.Phone + " (" + contact.HoursIn(language) + ")", contact.Email];
    }

}
