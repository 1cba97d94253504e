namespace Herstelmeldpunt.Web.Localization;

/// <summary>Marker type for <c>IStringLocalizer&lt;Ui&gt;</c>: the one set of UI texts (nl.json, en.json).</summary>
public sealed class Ui;
