namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>The confirmation the case page shows after a page sent the member of staff back to it (<c>?melding=…</c>).</summary>
public static class CaseNotice
{
    public static string? For(string? melding) => melding switch
    {
        "stap" => "Case.StepDone",
        "documenten" => "Case.DocumentsAdded",
        "termijn" => "Term.Extended",
        "notitie" => "Note.Saved",
        "identiteit" => "Identity.Saved",
        "zienswijze" => "ViewPoints.Saved",
        "klacht" => "Complaint.StaffSaved",
        "situatie" => "Retriage.Saved",
        _ => null,
    };
}
