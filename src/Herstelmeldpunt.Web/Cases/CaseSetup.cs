using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Lists;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>
/// The case process at start-up: every definition in <c>workflows/</c> is loaded and validated now (an invalid
/// one stops start-up), the working-day calendar, the engine and what runs around it (terms, follow-up, estimates, timers).
/// </summary>
public static class CaseSetup
{
    public static IServiceCollection AddCaseProcess(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = configuration["Workflow:DefinitionsDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, contentRoot)
            : Path.Combine(AppContext.BaseDirectory, "workflows");
        services.AddSingleton(WorkflowCatalog.LoadDirectory(directory, CaseVocabulary.Create()));
        services.AddSettings<CalendarOptions>(configuration, CalendarOptions.Section);
        services.AddSingleton<WorkingDayCalendar>();
        services.AddSingleton<IDueDateCalculator>(sp => sp.GetRequiredService<WorkingDayCalendar>());
        services.AddSingleton<WorkflowEngine>();
        services.AddSettings<DecisionTermOptions>(configuration, DecisionTermOptions.Section);
        services.AddSingleton<DecisionTerm>();
        services.AddScoped<CaseWorkflow>();
        services.AddScoped<Reassignment>();
        services.AddSettings<FollowUpOptions>(configuration, FollowUpOptions.Section);
        services.AddSingleton<FollowUpPlanner>();
        services.AddSingleton<SearchTokens>();
        services.AddSingleton<ProgressSnapshots>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor, Promises.SilenceClock>(); // the silence alarm's clock runs while a case is open
        services.AddScoped<ProgressEstimator>();
        services.AddScoped<TimerFiring>();

        // Every effect and action the definitions may name, one class each, keyed by its name; the catalogue refuses anything else at start-up.
        services.AddSingleton(new Steps.CaseStepCatalogue()
            .AddEffect<Steps.ConfirmUrgency>(services)
            .AddEffect<Steps.RecordCallOutcome>(services)
            .AddEffect<Steps.RecordSurveyAnswer>(services)
            .AddAction<Steps.AssignToCommittee>(services)
            .AddAction<Steps.NotifyReporter>(services)
            .AddAction<Steps.EscalateToManager>(services)
            .AddAction<Steps.PlanFollowUpCall>(services)
            .AddAction<Steps.FollowUpCallDue>(services)
            .AddEffect<Steps.RecordView>(services)
            .AddEffect<Steps.RecordObjection>(services)
            .AddAction<Steps.OpenViewTerm>(services));
        services.AddSettings<Objections.ObjectionOptions>(configuration, Objections.ObjectionOptions.Section);
        services.AddSettings<Views.ViewTermOptions>(configuration, Views.ViewTermOptions.Section);
        services.AddSingleton<Views.ViewTerm>();
        services.AddScoped<Bookings.SlotBooking>();
        services.AddScoped<Complaints.ComplaintDesk>();
        services.AddScoped<Promises.PromiseLedger>();
        services.AddSettings<Promises.PromiseOptions>(configuration, Promises.PromiseOptions.Section);
        services.AddScoped<Promises.PromiseWatch>();
        services.AddScoped<Promises.CallbackDesk>();
        services.AddScoped<Promises.StatusUpdate>();
        services.AddScoped<Steps.CaseStepRegistry>();
        services.AddScoped<Steps.RecordProvisions>();
        return services;
    }
}
