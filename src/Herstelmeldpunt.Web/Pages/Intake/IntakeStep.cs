namespace Herstelmeldpunt.Web.Pages.Intake;

/// <summary>The public form's two steps on one page: the form, then "check your answers".</summary>
public enum IntakeStep
{
    Form,
    Review,
}
