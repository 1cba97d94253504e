using Hangfire;
using Hangfire.Common;
using Herstelmeldpunt.Web.Scheduling;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Scheduling;

/// <summary>The recurring sweeps are written once the node listens; a storage that refuses then is tried again until it takes them.</summary>
public sealed class SweepRegistrationTests
{
    [Fact]
    public async Task Sweeps_the_storage_refused_at_start_are_written_when_it_takes_them_again()
    {
        await using var app = new SqliteAppFactory { EnableScheduler = true };
        var refusing = new RefusingAtFirst();
        await using var node = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<IRecurringJobManager>(sp => refusing.Around(new RecurringJobManager(sp.GetRequiredService<JobStorage>())))));
        _ = node.Services; // starts the node

        Assert.Contains(app.Logs.Lines, l => l.Contains("could not be written to Hangfire's storage", StringComparison.Ordinal));
        Assert.Empty(Registered(node));

        refusing.Refuse = false;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        string[] all = [BackgroundJobs.ConversationReminderId, BackgroundJobs.DeadlineWarningId, BackgroundJobs.EstimateWatchId, BackgroundJobs.FiguresId, BackgroundJobs.IntakeDraftCleanupId, BackgroundJobs.OutboxSweepId, BackgroundJobs.ParliamentReportId, BackgroundJobs.PromiseWatchId, BackgroundJobs.RetentionId, BackgroundJobs.WebhookSweepId, BackgroundJobs.TimerSweepId];
        // Until every one is written (they are written one after another: waiting for one of them raced the rest on a busy machine).
        while (Registered(node).Count < all.Length && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            app.Clock.Advance(TimeSpan.FromSeconds(10)); // the retry's wait may start after an earlier advance: advance until it has run
            await Task.Delay(50);
        }

        Assert.Equal(all, Registered(node).Order(StringComparer.Ordinal));
    }

    private static List<string> Registered(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> node)
    {
        using var connection = node.Services.GetRequiredService<JobStorage>().GetConnection();
        return [.. Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Select(j => j.Id)];
    }

    /// <summary>Hangfire's own manager on the app's storage, refusing while <see cref="Refuse"/> is set (a storage that is away).</summary>
    private sealed class RefusingAtFirst
    {
        public volatile bool Refuse = true;

        public IRecurringJobManager Around(IRecurringJobManager inner) => new Manager(this, inner);

        private sealed class Manager(RefusingAtFirst owner, IRecurringJobManager inner) : IRecurringJobManager
        {
            public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options)
            {
                Check();
                inner.AddOrUpdate(recurringJobId, job, cronExpression, options);
            }

            public void Trigger(string recurringJobId)
            {
                Check();
                inner.Trigger(recurringJobId);
            }

            public void RemoveIfExists(string recurringJobId) => inner.RemoveIfExists(recurringJobId);

            private void Check()
            {
                if (owner.Refuse)
                {
                    throw new InvalidOperationException("storage away");
                }
            }
        }
    }
}
