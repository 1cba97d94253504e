using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Letters;

/// <summary>
/// The letters to the person, as plain text files in Letters/Templates (NAME.LANG.txt: a first line
/// "Subject: …", then the body; a blank line between paragraphs, "- " for a list item), so the people
/// who write letters can read and change them without knowing code. A letter template has the name of
/// the event's email template, and is written when that email is (see <see cref="ReporterLetters"/>).
/// Unlike an email, a letter goes in a closed envelope and may carry the question asked or the decision.
/// </summary>
public sealed class LetterTemplates
{
    public static readonly string[] Names = ["receipt", "more_information_needed", "decision_term_extended", "decision_final", "satisfaction_survey", "outside_target_group", ReporterLetters.AccessLinkByPost, TargetGroupLetter, "objection_received", "objection_upheld", "objection_dismissed", "estimate_late", "decision_final_nophone", "satisfaction_survey_nophone", "withdrawn", "case_closed", "decision_proposed", "view_reminder", "situation_raised", "situation_kept", "conversation_booked", "complaint_received", "complaint_extended", "complaint_decided", "promise_late", "status_update", "status_update_decided"];

    public static readonly string[] Placeholders = ["reference", "name", "received_on", "contact_phone", "contact_address", "request_url", "when", "question", "answer_by", "reason", "decision", "explanation", "referral", "link", "valid_until", "reassessed_on", "team", "benefit", "portal_url", "objection_date", "reasons", "legal_due", "objection_until", "kept_for", "booked_at", "booked_how", "step", "promise", "promised_on"];

    /// <summary>The opening letter to everyone in the target group (not a case: written for the register).</summary>
    public const string TargetGroupLetter = "target_group";

    private readonly Dictionary<(string Name, string Language), (string Subject, string Body)> templates;

    private LetterTemplates(Dictionary<(string, string), (string, string)> templates) => this.templates = templates;

    public static LetterTemplates Load() => new(TemplateFiles.Load("Herstelmeldpunt.Web.Letters.Templates.", Names, Placeholders));

    public static bool Exists(string name) => Names.Contains(name);

    public (string Subject, string Body) Fill(string name, string language, IReadOnlyDictionary<string, string> values)
    {
        var (subject, body) = templates[(name, language == "en" ? "en" : "nl")];
        return (TemplateFiles.Fill(subject, values, name), TemplateFiles.Fill(body, values, name));
    }
}
