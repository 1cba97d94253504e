using Hangfire;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Management;

/// <summary>The report to parliament of one period, as it was made: the PDF and its hash. Counts only, no personal data.</summary>
public sealed class ParliamentReport
{
    public Guid Id { get; set; }

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public byte[] Pdf { get; set; } = [];

    /// <summary>Lower-case hex SHA-256 of <see cref="Pdf"/>.</summary>
    public string Sha256 { get; set; } = string.Empty;

    public int Pages { get; set; }
}

/// <summary>Configuration section "ParliamentReport".</summary>
public sealed class ParliamentReportOptions
{
    public const string Section = "ParliamentReport";

    /// <summary>The length of a reporting period in months; periods start on 1 January (with 4: January–April, May–August, September–December).</summary>
    public int Months { get; set; } = 4;

    /// <summary>Cron (Amsterdam time): when the job looks for a period that ended without a report (daily: a missed day is caught up).</summary>
    public string Cron { get; set; } = "0 6 * * *";

    /// <summary>The longest period a manager may print on demand, in days.</summary>
    public int MaxDays { get; set; } = 731;
}

/// <summary>
/// The report to parliament (the childcare-benefits recovery reports every four months): after each period a Hangfire
/// job makes the PDF of its figures (<see cref="ParliamentReportDocument"/>) and keeps it; managers list and download
/// them, and print one for any period on demand. One kept report per period (unique index): a second run or a second
/// node finds it and makes none. Scoped.
/// </summary>
public sealed partial class ParliamentReports(AppDbContext db, Dashboard dashboard, ParliamentReportOptions options, Localization.JsonStringLocalizer texts, TimeProvider clock, ILogger<ParliamentReports> logger)
{
    /// <summary>The last period that has ended by <paramref name="today"/>.</summary>
    public Period LastEnded(DateOnly today)
    {
        var months = Math.Clamp(options.Months, 1, 12);
        var index = (today.Month - 1) / months;
        var currentStart = new DateOnly(today.Year, index * months + 1, 1);
        var start = currentStart.AddMonths(-months);
        return new Period(start, currentStart.AddDays(-1));
    }

    [AutomaticRetry(Attempts = 3)]
    [Queue("default")]
    public async Task<Guid?> RunAsync(CancellationToken cancellationToken)
    {
        var period = LastEnded(AmsterdamTime.Today(clock));
        if (await db.Set<ParliamentReport>().AnyAsync(r => r.PeriodFrom == period.From && r.PeriodTo == period.To, cancellationToken))
        {
            return null;
        }

        var (pdf, pages) = await RenderAsync(period, "nl", cancellationToken);
        var report = new ParliamentReport
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            PeriodFrom = period.From,
            PeriodTo = period.To,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Pdf = pdf,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)),
            Pages = pages,
        };
        db.Set<ParliamentReport>().Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Set<ParliamentReport>().AsNoTracking().AnyAsync(r => r.PeriodFrom == period.From && r.PeriodTo == period.To, CancellationToken.None))
            {
                return null; // another node made it at the same moment
            }

            throw;
        }

        LogMade(period.From, period.To, pages);
        return report.Id;
    }

    /// <summary>The PDF of any period, in a language (on demand, or for the job).</summary>
    public async Task<(byte[] Pdf, int Pages)> RenderAsync(Period period, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var figures = await dashboard.FiguresAsync(period, cancellationToken);
        var months = new List<(DateOnly Month, int Received, int Decided)>();
        for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
        {
            var from = month < period.From ? period.From : month;
            var to = month.AddMonths(1).AddDays(-1) > period.To ? period.To : month.AddMonths(1).AddDays(-1);
            var (fromUtc, toUtc) = (AmsterdamTime.StartOfDayUtc(from), AmsterdamTime.StartOfDayUtc(to.AddDays(1)));
            months.Add((month,
                await db.Reports.CountAsync(r => r.ReceivedAt >= fromUtc && r.ReceivedAt < toUtc, cancellationToken),
                await db.Set<Cases.Terms.CaseDeadline>().CountAsync(d => d.DecidedOn != null && d.DecidedOn >= from && d.DecidedOn <= to, cancellationToken)));
        }

        var complaints = await db.Complaints.CountAsync(c => c.ReceivedOn >= period.From && c.ReceivedOn <= period.To, cancellationToken);
        return ParliamentReportDocument.Render(new ParliamentReportContent(language, period, figures, months, complaints, clock.GetUtcNow().UtcDateTime, key => texts.In(language, key)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report to parliament made for {From} to {To} ({Pages} pages)")]
    private partial void LogMade(DateOnly from, DateOnly to, int pages);
}
