using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages;

/// <summary>The error page for every status code and for unhandled exceptions. No technical details.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int? code) => Code = code ?? StatusCodes.Status500InternalServerError;

    public void OnPost(int? code) => OnGet(code);

    public string TextKey => Code switch
    {
        400 or 413 => "Error.400",
        404 => "Error.404",
        405 => "Error.400",
        _ => "Error.500",
    };
}
