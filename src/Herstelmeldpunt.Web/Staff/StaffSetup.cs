using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// The staff room's part of start-up: Identity with its password and lockout rules, the staff cookie (8 hours
/// sliding, 12 absolute), the two-factor cookies, the policies, and which pages each policy guards.
/// </summary>
public static class StaffSetup
{
    public static IServiceCollection AddStaffAccounts(this IServiceCollection services, CookieSecurePolicy secureCookies)
    {
        services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "hmp-staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = secureCookies;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/backoffice/inloggen";
            o.LogoutPath = "/backoffice/uitloggen";
            o.AccessDeniedPath = "/backoffice/geen-toegang";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = StaffSessionValidator.ValidateAsync;
            o.Events.OnSigningIn = StaffSessionValidator.SigningIn; // the absolute lifetime counts from here
        });
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
        {
            services.Configure<CookieAuthenticationOptions>(scheme, o => o.Cookie.SecurePolicy = secureCookies);
        }

        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        services.AddAuthorization(Policies.Configure);
        services.AddScoped<CurrentPassword>();
        services.AddScoped<AuthenticationEvents>();
        return services;
    }

    /// <summary>
    /// Which pages each policy guards. Public pages say so; everything else falls under the fallback policy
    /// (signed-in staff with two-factor authentication). The authorization-matrix test checks the outcome.
    /// </summary>
    public static void GuardPages(PageConventionCollection pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        pages.AllowAnonymousToPage("/Index");
        pages.AllowAnonymousToPage("/Privacy");
        pages.AllowAnonymousToPage("/ServiceNorms");
        pages.AllowAnonymousToPage("/Accessibility");
        pages.AllowAnonymousToFolder("/Progress");
        pages.AllowAnonymousToPage("/Api/Index");
        pages.AllowAnonymousToPage("/Error");
        pages.AllowAnonymousToFolder("/Intake");
        pages.AllowAnonymousToFolder("/Appointment");
        pages.AuthorizeFolder("/MyReport", ReporterAccess.Policy);
        pages.AllowAnonymousToPage("/MyReport/Open");
        pages.AllowAnonymousToPage("/MyReport/RequestLink");
        pages.AllowAnonymousToPage("/MyReport/ConfirmEmail");
        pages.AllowAnonymousToPage("/MyReport/UndoEmail");
        pages.AllowAnonymousToPage("/BackOffice/Account/Login");
        pages.AllowAnonymousToPage("/BackOffice/Account/LoginWithCode");
        pages.AllowAnonymousToPage("/BackOffice/Account/LoginWithRecoveryCode");
        pages.AllowAnonymousToPage("/BackOffice/Account/SetPassword");
        pages.AllowAnonymousToPage("/BackOffice/Account/AccessDenied");
        pages.AuthorizePage("/BackOffice/Account/EnableAuthenticator", Policies.SignedIn);
        pages.AuthorizePage("/BackOffice/Account/Logout", Policies.SignedIn);
        pages.AuthorizeFolder("/BackOffice/Admin", Policies.Accounts);
        pages.AuthorizeFolder("/BackOffice/Management", Policies.Dashboard);
        pages.AuthorizeFolder("/BackOffice/Cases", Policies.CaseFiles);
        pages.AuthorizeFolder("/BackOffice/Letters", Policies.LetterPrinting);
        pages.AuthorizeFolder("/BackOffice/Appointments", Policies.Appointments);
        pages.AuthorizeFolder("/BackOffice/Complaints", Policies.Complaints);
        pages.AllowAnonymousToFolder("/PublicComplaint");
        pages.AuthorizeFolder("/BackOffice/Privacy", Policies.Privacy);
        pages.AuthorizePage("/BackOffice/Cases/New", Policies.StaffIntake);
        pages.AuthorizePage("/BackOffice/TargetGroup/Index", Policies.TargetGroupRegister);
        pages.AuthorizePage("/BackOffice/TargetGroup/Import", Policies.TargetGroupRegister);
        pages.AuthorizePage("/BackOffice/TargetGroup/Letters", Policies.TargetGroupRegister);
        pages.AuthorizePage("/BackOffice/TargetGroup/NotReported", Policies.NotReportedList);
        pages.AuthorizePage("/BackOffice/Processes", Policies.ProcessDiagrams);
    }
}
