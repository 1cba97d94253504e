using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Account;

/// <summary>
/// Staff sign-in, step one: email and password. Unknown address, wrong password, locked or disabled
/// account all get the same answer, after the same work (a password hash is checked either way), and
/// never sooner than <see cref="FailureFloor"/> after the request came in: a known address did more
/// work (the failed-attempt count is written) and the difference showed (≈100 ms in the probe).
/// </summary>
public sealed class LoginModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, IPasswordHasher<StaffUser> hasher, AuthenticationEvents events) : PageModel
{
    /// <summary>The least time a refused sign-in takes; longer than any of the refusal paths takes here.</summary>
    public static readonly TimeSpan FailureFloor = Common.ResponseFloor.Default;

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorKey { get; private set; }

    public string? NoticeKey { get; private set; }

    public void OnGet(string? melding) => NoticeKey = melding switch
    {
        "uitgelogd" => "Login.SignedOut",
        "wachtwoord" => "Login.PasswordSet",
        _ => null,
    };

    public async Task<IActionResult> OnPostAsync()
    {
        // Elapsed time of this request, not business time: a Stopwatch timestamp, not the injected clock.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            ErrorKey = "Login.Required";
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(new StaffUser(), DummyHash.Value, Password);
            await events.RecordAsync(Audit.AuditActions.SignInFailed, null);
            return await RefusedAsync(started);
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginWithCode", new { ReturnUrl });
        }

        if (result.Succeeded)
        {
            // Password right, but no second factor yet: enrolment comes first.
            await events.RecordAsync(Audit.AuditActions.SignedIn, user);
            return Redirect(TwoFactorEnrolmentMiddleware.EnrolmentPath);
        }

        await events.RecordAsync(result.IsLockedOut ? Audit.AuditActions.LockedOut : Audit.AuditActions.SignInFailed, user);
        return await RefusedAsync(started);
    }

    private async Task<IActionResult> RefusedAsync(long started)
    {
        await Common.ResponseFloor.WaitAsync(started, FailureFloor, HttpContext.RequestAborted);

        ErrorKey = "Login.Failed";
        return Page();
    }
}
