using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// Access to Mijn melding: a one-time link (a random token, stored as its hash, valid for a limited
/// time) opens a session scoped to one report, as the reporter or as their representative. Thread-safe
/// (static, no state).
/// </summary>
public static class ReporterAccess
{
    /// <summary>The cookie scheme of reporters' sessions (separate from staff sign-in).</summary>
    public const string Scheme = "Reporter";

    /// <summary>The authorization policy of the Mijn melding pages.</summary>
    public const string Policy = "Reporter";

    public const string ReportClaim = "hmp:report";
    public const string RepresentativeClaim = "hmp:representative";

    /// <summary>Adds a token row to the caller's unit of work and returns the token for the link.</summary>
    /// <param name="lifetime">How long it works; the emailed link's lifetime when not given (a posted link needs days).</param>
    /// <param name="randomBytes">32 for a link that is clicked; 16 (128 bits, 22 characters) for a link printed in a letter that people type over.</param>
    public static string Issue(AppDbContext db, TimeProvider clock, ReporterAccessOptions options, Guid reportId, bool forRepresentative, TimeSpan? lifetime = null, int randomBytes = 32)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        var now = clock.GetUtcNow();
        var token = NewToken(randomBytes);
        db.ReporterAccessTokens.Add(new ReporterAccessToken
        {
            Id = Guid.CreateVersion7(now),
            ReportId = reportId,
            TokenHash = Hash(token),
            ForRepresentative = forRepresentative,
            CreatedAt = now.UtcDateTime,
            ExpiresAt = (now + (lifetime ?? options.LinkLifetime)).UtcDateTime,
        });
        return token;
    }

    /// <summary>Whether the token could be used now (not used, not expired), without using it.</summary>
    public static Task<bool> IsUsableAsync(AppDbContext db, TimeProvider clock, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ReporterAccessTokens.AnyAsync(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Uses the token (once: a conditional update) and returns what it opens, or null.</summary>
    public static async Task<ReporterAccessToken?> RedeemAsync(AppDbContext db, TimeProvider clock, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.ReporterAccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is null || row.UsedAt is not null || row.ExpiresAt <= now)
        {
            return null;
        }

        var used = await db.ReporterAccessTokens.Where(t => t.Id == row.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        return used == 1 ? row : null;
    }

    public static ClaimsPrincipal Principal(Guid reportId, bool representative) =>
        new(new ClaimsIdentity(
            [new Claim(ReportClaim, reportId.ToString()), new Claim(RepresentativeClaim, representative ? "true" : "false")],
            Scheme));

    /// <summary>The report this session may see; null when the principal is not a reporter's session.</summary>
    public static Guid? ReportIdOf(ClaimsPrincipal user) =>
        user?.FindFirstValue(ReportClaim) is { } value && Guid.TryParse(value, out var id) ? id : null;

    /// <summary>The name the workflow journal gives a representative acting on Mijn melding.</summary>
    public const string RepresentativeActorName = "Gemachtigde (Mijn melding)";

    /// <summary>The reporter as the workflow engine sees them: no account, the role <see cref="CaseVocabulary.ReporterRole"/>.</summary>
    public static Actor ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Actor(null, IsRepresentative(user) ? RepresentativeActorName : "Melder (Mijn melding)", new HashSet<string> { CaseVocabulary.ReporterRole });
    }

    /// <summary>The session is the representative's (their own link), not the reporter's.</summary>
    public static bool IsRepresentative(ClaimsPrincipal user) => user?.FindFirstValue(RepresentativeClaim) == "true";

    /// <summary>Who acts, as documents, situation reports, objections and complaints record it: "Representative" or "Reporter".</summary>
    public static string PartyOf(ClaimsPrincipal user) => IsRepresentative(user) ? "Representative" : "Reporter";

    /// <summary>A random URL-safe token (base64url without padding) of this many random bytes.</summary>
    public static string NewToken(int randomBytes = 32) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(randomBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a token (its SHA-256, hex): links are looked up by it, never stored as sent.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));
}
