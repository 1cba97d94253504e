using System.Globalization;
using System.Text;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>How a report relates to the target-group register.</summary>
public enum RegisterStatus
{
    /// <summary>No register entry with this BSN.</summary>
    NotFound,

    /// <summary>BSN and name agree.</summary>
    Match,

    /// <summary>The BSN is in the register under another name: intake must resolve it first.</summary>
    NameMismatch,

    /// <summary>Intake resolved a mismatch: the same person (for example a married name or a typo).</summary>
    ResolvedSamePerson,

    /// <summary>Intake resolved a mismatch: not the same person, so not in the target group on this BSN.</summary>
    ResolvedDifferentPerson,
}

/// <summary>
/// The target-group match is by BSN, and the name must agree too: "Maria Jansen" is not "Jan de Vries"
/// whatever the BSN says. Names agree when they are equal after removing accents, case, punctuation and
/// extra spaces, or when the last names agree and the first letters do (initials). A mismatch is shown to
/// intake, which records how it was resolved (a case event, journaled). The register holds no date of
/// birth, so only the name can be compared. Thread-safe.
/// </summary>
public static class IdentityMatch
{
    public const string ResolvedKind = "identity_resolved";
    public const string SamePerson = "same_person";
    public const string DifferentPerson = "different_person";

    /// <summary>The longest note intake may give with its decision.</summary>
    public const int MaxNote = 900;

    /// <summary>Why intake's resolution of a mismatch cannot be recorded (a message key), or null when it can.</summary>
    public static string? ResolutionError(string? decision, string? note) =>
        decision is not (SamePerson or DifferentPerson) ? "Identity.Error.Choice"
        : string.IsNullOrWhiteSpace(note) || note.Trim().Length > MaxNote ? "Identity.Error.Note"
        : null;

    /// <summary>Intake's resolution as the case event that records it (checked by <see cref="ResolutionError"/> first).</summary>
    public static CaseEvent Resolution(Guid caseId, string actorName, string decision, string note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(note);
        return CaseEvent.Of(caseId, now, actorName, ResolvedKind, $"{decision}: {note.Trim()}");
    }

    public static bool NamesAgree(string reportName, string registerName)
    {
        var a = Words(reportName);
        var b = Words(registerName);
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        return a.SequenceEqual(b) || (a[^1] == b[^1] && a[0][0] == b[0][0]);
    }

    public static async Task<RegisterStatus> StatusAsync(AppDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var report = await db.Reports.Where(r => r.Id == caseId).Select(r => new { r.BsnHash, r.FullName }).SingleAsync(cancellationToken);
        var registered = await db.TargetGroupMembers.Where(m => m.BsnHash == report.BsnHash).Select(m => m.FullName).FirstOrDefaultAsync(cancellationToken);
        if (registered is null)
        {
            return RegisterStatus.NotFound;
        }

        if (NamesAgree(report.FullName, registered))
        {
            return RegisterStatus.Match;
        }

        var resolution = await db.Set<CaseEvent>().Where(e => e.CaseId == caseId && e.Kind == ResolvedKind).OrderByDescending(e => e.At).Select(e => e.Details).FirstOrDefaultAsync(cancellationToken);
        return resolution?.StartsWith(SamePerson, StringComparison.Ordinal) == true ? RegisterStatus.ResolvedSamePerson
            : resolution?.StartsWith(DifferentPerson, StringComparison.Ordinal) == true ? RegisterStatus.ResolvedDifferentPerson
            : RegisterStatus.NameMismatch;
    }

    private static List<string> Words(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder();
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(char.IsLetter(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return [.. plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }
}
