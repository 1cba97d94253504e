namespace Herstelmeldpunt.Web.Email;

/// <summary>
/// The base of absolute links in emails and letters: Email:PublicBaseUrl; else the address of the
/// request being served; else the development address (a background job without configuration). Scoped.
/// </summary>
public sealed class PublicUrls(EmailOptions email, IHttpContextAccessor http)
{
    public string Base() =>
        email.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
        : http.HttpContext?.Request is { } request ? email.BaseUrl(request)
        : email.ListeningBaseUrl;
}
