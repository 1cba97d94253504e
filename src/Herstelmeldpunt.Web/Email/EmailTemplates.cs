using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Email;

public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>
/// The emails to reporters, as files in Email/Templates: NAME.LANG.txt, first line "Subject: …", then
/// the body (read by <see cref="TemplateFiles"/>). The HTML part is made from the same text (paragraphs, "- " lists) inside layout.LANG.html.
/// Placeholders are {{name}}; only known ones are allowed, and templates never get a BSN or health
/// details to render. A link is written [link text]({{link}}): "link text: URL" in the text part, an
/// anchor with that text in the HTML part. All templates are checked when the app starts. Thread-safe after loading.
/// </summary>
public sealed partial class EmailTemplates
{
    public static readonly string[] Names = ["receipt", "more_information_needed", "information_reminder", "outside_target_group", "decision_conversation_planned", "decision_conversation_planned_nophone", "decision_final", "follow_up_call_planned", "satisfaction_survey", "satisfaction_survey_nophone", "case_closed", "withdrawn", "email_confirm", "email_change_requested", "email_removed", "intake_draft_saved", "estimate_changed", "estimate_late", "decision_term_extended", "access_link", "escalation", "case_assigned", "deadline_soon", "objection_received", "objection_upheld", "objection_dismissed", "decision_proposed", "decision_proposed_nophone", "view_reminder", "situation_raised", "situation_kept", "conversation_booked", "conversation_reminder", "conversation_cancelled", "complaint_received", "complaint_extended", "complaint_decided", "promise_late", "status_update", "status_update_decided"];
    public static readonly string[] Placeholders = ["reference", "step", "when", "legal_due", "objection_until", "answer_by", "link_until", "kept_for", "link", "request_link", "contact_phone", "booked_at", "booked_how", "manage_link", "promise", "promised_on", "callback_link"];

    /// <summary>Whether a template of this name exists (for variants such as NAME_nophone).</summary>
    public static bool Exists(string name) => Names.Contains(name);
    private readonly Dictionary<(string Name, string Language), (string Subject, string Body)> templates;
    private readonly Dictionary<string, string> layouts;

    private EmailTemplates(Dictionary<(string, string), (string, string)> templates, Dictionary<string, string> layouts)
    {
        this.templates = templates;
        this.layouts = layouts;
    }

    public static EmailTemplates Load()
    {
        const string prefix = "Herstelmeldpunt.Web.Email.Templates.";
        var layouts = TemplateFiles.Languages.ToDictionary(language => language, language => TemplateFiles.Read(prefix, $"layout.{language}.html"));
        return new EmailTemplates(TemplateFiles.Load(prefix, Names, Placeholders), layouts);
    }

    public RenderedEmail Render(string name, string language, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var lang = language == "en" ? "en" : "nl";
        var (subject, body) = templates.TryGetValue((name, lang), out var t) ? t : throw new KeyNotFoundException($"No email template '{name}'.");
        string Fill(string text, bool html) => TemplateFiles.Fill(text, values, name, html ? WebUtility.HtmlEncode : null);

        var filledSubject = Fill(subject, html: false);
        var htmlBody = new StringBuilder();
        foreach (var paragraph in body.Trim().Split("\n\n"))
        {
            // Within a paragraph, runs of "- " lines become a list and other lines a paragraph.
            var lines = paragraph.Split('\n');
            for (var start = 0; start < lines.Length;)
            {
                var isList = lines[start].StartsWith("- ", StringComparison.Ordinal);
                var end = start;
                while (end < lines.Length && lines[end].StartsWith("- ", StringComparison.Ordinal) == isList)
                {
                    end++;
                }

                var run = lines[start..end];
                if (isList)
                {
                    htmlBody.Append("<ul>").AppendJoin(string.Empty, run.Select(l => $"<li>{Fill(Anchors(WebUtility.HtmlEncode(l[2..])), html: true)}</li>")).Append("</ul>\n");
                }
                else
                {
                    htmlBody.Append("<p>").AppendJoin("<br>", run.Select(l => Fill(Anchors(WebUtility.HtmlEncode(l)), html: true))).Append("</p>\n");
                }

                start = end;
            }
        }

        var html = layouts[lang].Replace("{{subject}}", WebUtility.HtmlEncode(filledSubject), StringComparison.Ordinal).Replace("{{body}}", htmlBody.ToString(), StringComparison.Ordinal);
        return new RenderedEmail(filledSubject, Fill(LinkSyntax().Replace(body, "$1: $2"), html: false), html);
    }

    private static string Anchors(string encodedLine) => LinkSyntax().Replace(encodedLine, "<a href=\"$2\">$1</a>");

    [GeneratedRegex(@"\[([^\]]+)\]\((\{\{[a-z_]+\}\})\)")]
    private static partial Regex LinkSyntax();
}
