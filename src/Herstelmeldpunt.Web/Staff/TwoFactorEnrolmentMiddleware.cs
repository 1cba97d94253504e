namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// A member of staff signed in without two-factor authentication (first login, or after a reset) is
/// sent to enrolment from every back-office page. The policies refuse them anyway; this makes the way
/// forward obvious instead of showing "no access".
/// </summary>
public sealed class TwoFactorEnrolmentMiddleware(RequestDelegate next)
{
    public const string EnrolmentPath = "/backoffice/account/tweestapsverificatie";
    private static readonly string[] Allowed = [EnrolmentPath, "/backoffice/uitloggen"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (context.User.Identity?.IsAuthenticated == true
            && !context.User.HasClaim(Policies.TwoFactorClaim, "true")
            && path.StartsWithSegments("/backoffice", StringComparison.OrdinalIgnoreCase)
            && !Allowed.Any(a => path.Equals(a, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(EnrolmentPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
