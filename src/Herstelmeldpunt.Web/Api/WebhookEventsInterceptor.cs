using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// The API room's part of every save: the webhook deliveries of the case steps in this unit of work are added before
/// it is written, in the same transaction (<see cref="WebhookEvents"/>). Registered by <see cref="ApiSetup.AddPartnerApi"/>;
/// the database room only applies the save interceptors it is given. Singleton.
/// </summary>
public sealed class WebhookEventsInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            WebhookEvents.Queue(db);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            await WebhookEvents.QueueAsync(db, cancellationToken);
        }

        return result;
    }
}
