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

    public (string Title, string Text) TextKeys => Code switch
    {
        404 => ("Error.404.Title", "Error.404.Text"),
        >= 400 and < 500 => ("Error.400.Title", "Error.400.Text"),
        _ => ("Error.500.Title", "Error.500.Text"),
    };
}
