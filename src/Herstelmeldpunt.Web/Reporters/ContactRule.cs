using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// The one rule for phone promises: we promise a call only to someone we can call — the person or, when someone
/// acts for them, the representative has given a phone number. Every message (email and letter), every page text that
/// speaks of calling, the follow-up planning and the forms ask here. Thread-safe (no state).
/// </summary>
public static class ContactRule
{
    /// <summary>The suffix of a template or text that promises no call: NAME_nophone (templates), KEY.NoPhone (texts).</summary>
    public const string NoPhoneTemplateSuffix = "_nophone";

    public const string NoPhoneTextSuffix = ".NoPhone";

    /// <summary>Messages that exist only to announce a call: never sent to someone nobody can call (they have no variant).</summary>
    public static readonly IReadOnlySet<string> CallOnlyTemplates = new HashSet<string>(StringComparer.Ordinal) { "follow_up_call_planned" };

    /// <summary>Whether this message may go to this person: a call announcement only to someone we can call.</summary>
    public static bool MaySend(Report report, string template) => !CallOnlyTemplates.Contains(template) || CanCall(report);

    /// <summary>Someone can be called about this report.</summary>
    public static bool CanCall(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Phone is not null || report.RepresentativePhone is not null;
    }

    /// <summary>The template to use for this person: its no-phone variant when nobody can be called and that variant exists.</summary>
    public static string Template(Report report, string template, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        return !CanCall(report) && exists(template + NoPhoneTemplateSuffix) ? template + NoPhoneTemplateSuffix : template;
    }

    /// <summary>The text key to use for this person: KEY.NoPhone when nobody can be called and that text exists.</summary>
    public static string TextKey(Report report, string key, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        return !CanCall(report) && exists(key + NoPhoneTextSuffix) ? key + NoPhoneTextSuffix : key;
    }

    /// <summary>
    /// A form asks for a time to be called only when it has a phone number to call: without one the answer is
    /// "no preference" and nobody is made to choose (the intake form, the contact page).
    /// </summary>
    public static bool NeedsCallTime(string? phone, string? representativePhone) => phone is not null || representativePhone is not null;
}
