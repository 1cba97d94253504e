using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>
/// Short messages to the reporter about their case, in their language. Only the reference number:
/// never the BSN, health details or what was decided (that is discussed in person).
/// </summary>
public static class ReporterMessages
{
    public static (string Subject, string Text)? For(string template, Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var en = report.Language == "en";
        var reference = report.ReferenceNumber;
        var (subject, body) = template switch
        {
            "more_information_needed" => en
                ? ("We need more information", "We need more information to handle your report. A member of staff will contact you, or has done so already.")
                : ("Wij hebben meer informatie nodig", "Om uw melding te behandelen hebben wij meer informatie nodig. Een medewerker neemt contact met u op, of heeft dat al gedaan."),
            "outside_target_group" => en
                ? ("About your report", "We have looked at your report. A member of staff will explain the outcome to you and tell you where you can go instead.")
                : ("Over uw melding", "Wij hebben uw melding bekeken. Een medewerker legt u de uitkomst uit en vertelt waar u wel terecht kunt."),
            "decision_conversation_planned" => en
                ? ("We would like to talk to you", "There is a proposed decision on your report. We will call you to discuss it, in the way and at the time you chose.")
                : ("Wij willen graag met u praten", "Er is een voorgenomen besluit over uw melding. Wij bellen u om dit te bespreken, op de manier en het moment dat u koos."),
            _ => (null, null),
        };
        if (subject is null || body is null)
        {
            return null;
        }

        var signature = en ? "Recovery reporting point" : "Meldpunt herstelactie";
        var referenceLine = en ? $"Your reference number: {reference}" : $"Uw referentienummer: {reference}";
        return ($"{subject} ({reference})", $"{body}\n\n{referenceLine}\n\n{signature}\n");
    }
}
