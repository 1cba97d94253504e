using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Herstelmeldpunt.Web.Localization;

/// <summary>Dutch first; English through the visible switch, remembered in a cookie.</summary>
public static class Cultures
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static CultureInfo? FromLanguage(string? language) => language switch
    {
        "nl" => Dutch,
        "en" => English,
        _ => null,
    };

    public static string CurrentLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl";

    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(Dutch);
        options.SupportedCultures = [Dutch, English];
        options.SupportedUICultures = [Dutch, English];
        options.RequestCultureProviders = [new FormLanguageCultureProvider(), new Reporters.ReporterLinkCultureProvider(), new CookieRequestCultureProvider()];
    }

    /// <summary>Remembers the choice for later requests (the language cookie).</summary>
    public static void Remember(HttpContext http, CultureInfo culture)
    {
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
    }
}

/// <summary>
/// The language button inside a form posts <c>language=en|nl</c> to a page handler named "Language".
/// The culture must be chosen here, in the localization middleware, so that it holds for the whole
/// request: a culture set inside a page handler is undone when the handler returns, before rendering.
/// </summary>
public sealed class FormLanguageCultureProvider : RequestCultureProvider
{
    public const string HandlerName = "Language";
    public const string FieldName = "language";

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || request.Query["handler"] != HandlerName || !request.HasFormContentType)
        {
            return null;
        }

        var form = await request.ReadFormAsync(httpContext.RequestAborted);
        return Cultures.FromLanguage(form[FieldName]) is { } culture ? new ProviderCultureResult(culture.Name) : null;
    }
}
