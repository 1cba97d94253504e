namespace Herstelmeldpunt.Web.Cases.Objections;

/// <summary>
/// Configuration section "Objection": where a person gets free legal help with an objection, shown on Mijn melding's
/// objection page (Dutch and English text and a link). The defaults name the Juridisch Loket, the Dutch legal aid desk.
/// </summary>
public sealed class ObjectionOptions
{
    public const string Section = "Objection";

    public string LegalHelpText { get; set; } = "Het Juridisch Loket geeft gratis juridisch advies. Heeft u een laag inkomen? Dan betaalt u voor een advocaat vaak maar een klein deel.";

    public string LegalHelpTextEnglish { get; set; } = "The Juridisch Loket (legal aid desk) gives free legal advice. On a low income you often pay only a small part of the cost of a lawyer.";

    public Uri LegalHelpUrl { get; set; } = new("https://www.juridischloket.nl/");

    public string LegalHelpIn(string language) => language == "en" ? LegalHelpTextEnglish : LegalHelpText;
}
