using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages;

/// <summary>
/// The error page for every status code and for unhandled exceptions. No technical details. It binds
/// nothing: when it is re-executed for a POST whose body could not be read, model binding would read
/// that body again and fail.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet() => Code = CodeFromRoute();

    public void OnPost() => Code = CodeFromRoute();

    public (string Title, string Text) TextKeys => Code switch
    {
        404 => ("Error.404.Title", "Error.404.Text"),
        429 => ("Error.429.Title", "Error.429.Text"),
        >= 400 and < 500 => ("Error.400.Title", "Error.400.Text"),
        _ => ("Error.500.Title", "Error.500.Text"),
    };

    private int CodeFromRoute() =>
        int.TryParse(RouteData.Values["code"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : StatusCodes.Status500InternalServerError;
}
