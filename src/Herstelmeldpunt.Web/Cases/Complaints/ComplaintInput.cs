using Herstelmeldpunt.Web.Forms;

namespace Herstelmeldpunt.Web.Cases.Complaints;

/// <summary>
/// The complaint form's answers as posted (Mijn melding, the public page, staff taking a call): what it is about, what
/// happened, and whether the person wants to explain it in a conversation (9:10). <see cref="Validate"/> reads them.
/// </summary>
public sealed class ComplaintInput
{
    public string? Subject { get; set; }

    public string? Text { get; set; }

    public string? WantsHearing { get; set; }

    /// <summary>The subject, the text and the wish to be heard; or the errors (form field names of the page's <c>Complaint</c> prefix).</summary>
    public (ComplaintSubject Subject, string Text, bool WantsHearing, IReadOnlyList<FieldError> Errors) Validate()
    {
        var errors = new List<FieldError>();
        var subject = Enum.TryParse<ComplaintSubject>(Subject, out var s) && Enum.IsDefined(s) ? s : (ComplaintSubject?)null;
        if (subject is null)
        {
            errors.Add(new FieldError("Complaint_Subject", "Complaint.Error.Subject"));
        }

        var text = Text?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            errors.Add(new FieldError("Complaint_Text", "Complaint.Error.Text"));
        }
        else if (text.Length > ComplaintDesk.TextMaxLength)
        {
            errors.Add(new FieldError("Complaint_Text", "Complaint.Error.TooLong"));
        }

        if (WantsHearing is not ("yes" or "no"))
        {
            errors.Add(new FieldError("Complaint_WantsHearing", "Complaint.Error.WantsHearing"));
        }

        return (subject ?? ComplaintSubject.Other, text, WantsHearing == "yes", errors);
    }
}
