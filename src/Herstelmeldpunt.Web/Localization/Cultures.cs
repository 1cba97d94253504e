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
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
    }

    /// <summary>Remembers the choice for later requests and switches the rest of this one.</summary>
    public static void Switch(HttpContext http, CultureInfo culture)
    {
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
