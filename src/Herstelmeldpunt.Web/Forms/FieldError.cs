namespace Herstelmeldpunt.Web.Forms;

/// <summary>A problem with one field: the field's name (the id its error links to) and the key of the message text.</summary>
public sealed record FieldError(string Field, string MessageKey);
