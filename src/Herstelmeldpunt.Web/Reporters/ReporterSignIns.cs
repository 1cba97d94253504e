using System.Security.Claims;
using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>One sign-in to Mijn melding, kept on the server so it can be ended: a copied cookie stops working then.</summary>
public sealed class ReporterSignIn
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC: the absolute end, however active the person is (<see cref="ReporterAccessOptions.SessionAbsoluteLifetime"/>).</summary>
    public DateTime EndsAt { get; set; }

    /// <summary>UTC: ended early — signed out, or another session withdrew the report or changed the contact details.</summary>
    public DateTime? EndedAt { get; set; }
}

/// <summary>
/// Reporter sessions that end (issue 27, item 3): the cookie carries the id of a <see cref="ReporterSignIn"/> row,
/// checked on every request (one look-up by key); signing out ends it, withdrawing the report or changing the contact
/// details ends every other session of the report, and every session ends at its absolute lifetime. Static, no state.
/// </summary>
public static class ReporterSignIns
{
    public const string SessionClaim = "hmp:reporter-session";

    /// <summary>Stores the sign-in and starts the cookie session.</summary>
    public static async Task SignInAsync(HttpContext http, Guid reportId, bool representative, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var services = http.RequestServices;
        var db = services.GetRequiredService<AppDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var options = services.GetRequiredService<ReporterAccessOptions>();
        var row = new ReporterSignIn { Id = Guid.CreateVersion7(now), ReportId = reportId, CreatedAt = now.UtcDateTime, EndsAt = (now + options.SessionAbsoluteLifetime).UtcDateTime };
        db.Set<ReporterSignIn>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var principal = ReporterAccess.Principal(reportId, representative);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionClaim, row.Id.ToString()));
        await http.SignOutAsync(ReporterAccess.Scheme);
        await http.SignInAsync(ReporterAccess.Scheme, principal);
    }

    /// <summary>The cookie's check on every request: its sign-in exists, has not ended and is within its absolute lifetime.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var id = SessionOf(context.Principal);
        var valid = id is { } sessionId && await services.GetRequiredService<AppDbContext>().Set<ReporterSignIn>()
            .AnyAsync(s => s.Id == sessionId && s.EndedAt == null && s.EndsAt > now, context.HttpContext.RequestAborted);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ReporterAccess.Scheme);
        }
    }

    /// <summary>Ends this session (signing out).</summary>
    public static async Task EndAsync(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (SessionOf(user) is { } id)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Set<ReporterSignIn>().Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), cancellationToken);
        }
    }

    /// <summary>Ends every other session of the report (after a withdrawal or a contact change made in this one).</summary>
    public static async Task<int> EndOthersAsync(AppDbContext db, TimeProvider clock, Guid reportId, ClaimsPrincipal current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var keep = SessionOf(current) ?? Guid.Empty;
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<ReporterSignIn>().Where(s => s.ReportId == reportId && s.Id != keep && s.EndedAt == null && s.EndsAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), cancellationToken);
    }

    private static Guid? SessionOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(SessionClaim) is { } value && Guid.TryParse(value, out var id) ? id : null;
}
