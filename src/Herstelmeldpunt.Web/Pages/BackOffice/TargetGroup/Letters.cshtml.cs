using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.TargetGroup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.TargetGroup;

/// <summary>
/// The opening-day letter to everyone in the target group (seed 001: on 15 December 2020 every member
/// received a letter), from the letter template "target_group", merged with each person's details and
/// the address from the register: shown here to read, and as one PDF to print (each letter on its own
/// sheets). In parts of <see cref="PartSize"/> people, so a register of 100,000 is printed in steps. In Dutch.
/// </summary>
public sealed class LettersModel(AppDbContext db, TimeProvider clock, LetterTemplates templates, ReportingPointContact contact, PublicUrls urls, Web.Management.KeptFigures<RegisterCounts> kept, Web.Management.FiguresOptions figures) : PageModel
{
    public const int PartSize = 500;

    public sealed record MemberLetter(TargetGroupMember Member, IReadOnlyList<string> Address, string Subject, string Body);

    public IReadOnlyList<MemberLetter> Letters { get; private set; } = [];

    public bool OnlyNotReported { get; private set; }

    public int Total { get; private set; }

    public int WithoutAddress { get; private set; }

    public int Part { get; private set; }

    public int Parts => Math.Max(1, (Total + PartSize - 1) / PartSize);

    public DateOnly Today { get; private set; }

    /// <summary>When the totals were counted (UTC): the register's kept counts (<see cref="RegisterCounts"/>; an exact count of 800,000 took 80 ms per view).</summary>
    public DateTime CountedAt { get; private set; }

    public IReadOnlyList<string> Sender => ReporterLetters.Sender(contact, "nl");

    public string ContactPhone => contact.Phone;

    public async Task OnGetAsync(string? alleen, int deel = 1, CancellationToken cancellationToken = default) =>
        await LoadAsync(alleen, deel, cancellationToken);

    /// <summary>This part's letters as one PDF.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string? alleen, int deel = 1, CancellationToken cancellationToken = default)
    {
        await LoadAsync(alleen, deel, cancellationToken);
        if (Letters.Count == 0)
        {
            return RedirectToPage(new { alleen, deel = 1 }); // no letters in this part (an empty register): the page says so (a PDF of nothing was a 500)
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pdf = await LetterDocument.CombineAsync(Render(now));
        return File(pdf, "application/pdf", $"brieven-doelgroep-deel-{Part}.pdf");
    }

    private async IAsyncEnumerable<byte[]> Render(DateTime now)
    {
        foreach (var letter in Letters)
        {
            yield return LetterDocument.Render(new LetterContent("nl", letter.Address, Today, "-", letter.Subject, letter.Body, Sender, contact.Phone), now).Pdf;
            await Task.Yield();
        }
    }

    private async Task LoadAsync(string? alleen, int deel, CancellationToken cancellationToken)
    {
        OnlyNotReported = alleen == "niet-gemeld";
        Today = AmsterdamTime.Today(clock);
        var members = db.TargetGroupMembers.AsNoTracking();
        if (OnlyNotReported)
        {
            members = members.Where(m => m.ReportedAt == null);
        }

        var (counts, countedAt) = await RegisterCounts.ForViewAsync(db, kept, figures, clock, cancellationToken);
        ((Total, WithoutAddress), CountedAt) = (counts.Letters(OnlyNotReported), countedAt);
        Part = Math.Clamp(deel, 1, Parts);

        // Those re-assessed longest ago first, as on the not-reported list (the name is stored encrypted: no order).
        var page = await members.OrderBy(m => m.ReassessmentDate).ThenBy(m => m.Id).Skip((Part - 1) * PartSize).Take(PartSize).ToListAsync(cancellationToken);
        var dutch = Localization.Cultures.Dutch;
        var portal = urls.Base() + "/melden";
        Letters = page.Select(m =>
        {
            var (subject, body) = templates.Fill(LetterTemplates.TargetGroupLetter, "nl", new Dictionary<string, string>
            {
                ["name"] = m.FullName,
                ["reassessed_on"] = m.ReassessmentDate.ToString("d MMMM yyyy", dutch),
                ["team"] = m.Team,
                ["benefit"] = m.BenefitType.ToString().ToUpperInvariant(),
                ["portal_url"] = portal,
                ["contact_phone"] = contact.Phone,
                ["contact_address"] = contact.PostalAddress,
            });
            IReadOnlyList<string> address = m.AddressStreet is null
                ? [m.FullName]
                : [m.FullName, m.AddressStreet, Reports.PostalAddress.PostcodeAndCity(m.AddressPostcode, m.AddressCity)];
            return new MemberLetter(m, address, subject, body);
        }).ToList();
    }
}
