using System.Security.Cryptography;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Operations;

/// <summary>Configuration section "Demo": set by the <c>demo</c> command; every page then says it is a demo.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/Herstelmeldpunt.Web -- demo</c> (Development only; refused with a message otherwise):
/// fills the embedded database with a few hundred made-up reports spread over every state of the latest process, one
/// account per role with a random password and an authenticator, prints each account's address, password, secret and
/// current code, and then serves with a "demo" banner on every page. Running it again adds nothing twice: the
/// accounts exist (their passwords are set anew and printed) and the reports are there.
/// </summary>
public static class DemoCommand
{
    public const string Argument = "demo";

    public const int Reports = 300;

    public const string Domain = "demo.invalid";

    private static readonly string[] GivenNames = ["Anna", "Jan", "Fatima", "Pieter", "Sanne", "Mohamed", "Els", "Kees", "Ayşe", "Henk", "Lotte", "Rachid", "Ingrid", "Daan", "Priya", "Willem"];

    private static readonly string[] FamilyNames = ["de Vries", "Jansen", "Bakker", "El Amrani", "Visser", "Smit", "Yilmaz", "Mulder", "de Boer", "Bos", "Peters", "Hendriks"];

    private static readonly string[] Stories =
    [
        "Na de herbeoordeling werd mijn uitkering stopgezet. Ik kon de huur niet meer betalen.",
        "Ik moest terugbetalen en kreeg schulden. Ik slaap er slecht van.",
        "De keuring duurde tien minuten. Niemand keek naar mijn medische stukken.",
        "Ik kreeg minder uitkering en moest mijn huis verkopen.",
        "Mijn klachten werden niet serieus genomen. Ik voel me niet gehoord.",
    ];

    /// <summary>Seeds and prints; returns the process exit code, or null when the portal should go on and serve.</summary>
    public static async Task<int?> RunAsync(IServiceProvider services, IHostEnvironment environment, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(output);
        if (!environment.IsDevelopment())
        {
            return await RefuseAsync(output);
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var clock = provider.GetRequiredService<TimeProvider>();
        var db = provider.GetRequiredService<AppDbContext>();
        var users = provider.GetRequiredService<UserManager<StaffUser>>();
        await output.WriteLineAsync();
        await output.WriteLineAsync("================================ DEMO ================================");
        await output.WriteLineAsync("Made-up data only. Accounts (address, password, authenticator secret, code now):");
        foreach (var role in StaffRoles.All)
        {
            var email = $"{role.ToLowerInvariant()}@{Domain}";
            var password = "Hm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "!"; // never the name in it (the password rules refuse that)
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new StaffUser { UserName = email, Email = email, DisplayName = "Demo " + role, EmailConfirmed = true, LockoutEnabled = true };
                Check(await users.CreateAsync(user, password), email);
                Check(await users.AddToRoleAsync(user, role), email);
                Check(await users.ResetAuthenticatorKeyAsync(user), email);
                Check(await users.SetTwoFactorEnabledAsync(user, true), email);
            }
            else
            {
                Check(await users.RemovePasswordAsync(user), email);
                Check(await users.AddPasswordAsync(user, password), email);
            }

            var secret = (await users.GetAuthenticatorKeyAsync(user))!;
            var code = OneTimeAuthenticatorCodes.Code(OneTimeAuthenticatorCodes.Base32.Decode(secret), clock.GetUtcNow().ToUnixTimeSeconds() / 30);
            await output.WriteLineAsync($"  {role,-18} {email,-34} {password,-20} {secret}  {code}");
        }

        var added = await SeedReportsAsync(db, provider.GetRequiredService<WorkflowCatalog>(), provider.GetRequiredService<DecisionTerm>(), clock);
        await output.WriteLineAsync(added > 0 ? $"{added} made-up reports added, spread over every step." : "The made-up reports were there already.");
        await output.WriteLineAsync("Sign in at /backoffice/inloggen; the code changes every 30 seconds (any authenticator app takes the secret).");
        await output.WriteLineAsync("=======================================================================");
        return null;
    }

    /// <summary>The refusal outside Development, in both languages; the exit code.</summary>
    public static async Task<int> RefuseAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync("De demo werkt alleen in Development (ASPNETCORE_ENVIRONMENT=Development); er is niets veranderd.");
        await output.WriteLineAsync("The demo runs in Development only (ASPNETCORE_ENVIRONMENT=Development); nothing was changed.");
        return 1;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo account {email} could not be made: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Reports with cases in every state of the latest process version, received over the last half year; once.</summary>
    private static async Task<int> SeedReportsAsync(AppDbContext db, WorkflowCatalog catalog, DecisionTerm term, TimeProvider clock)
    {
        if (await db.Reports.AnyAsync(r => r.CreatedByUserId == "demo"))
        {
            return 0;
        }

        var definition = catalog.All.Where(d => d.Id == CaseVocabulary.DefinitionId).MaxBy(d => d.Version)!;
        var states = definition.States.Select(s => s.Name).ToList();
        var random = new Random(2026);
        var now = clock.GetUtcNow().UtcDateTime;
        for (var n = 0; n < Reports; n++)
        {
            var id = Guid.CreateVersion7(clock.GetUtcNow());
            var received = now.AddMinutes(-random.Next(60, 180 * 24 * 60));
            var state = states[n % states.Count];
            var entered = received.AddMinutes(random.Next(0, (int)(now - received).TotalMinutes));
            var given = GivenNames[random.Next(GivenNames.Length)];
            var family = FamilyNames[random.Next(FamilyNames.Length)];
            db.Reports.Add(new Report
            {
                Id = id,
                ReferenceNumber = ReferenceNumber.NewNumber(),
                IdempotencyKey = Guid.NewGuid(),
                ReceivedAt = received,
                LastMessageAt = received,
                Source = random.Next(5) == 0 ? ReportSource.Staff : ReportSource.PublicForm,
                Urgency = (UrgencyLevel)random.Next(1, 4),
                Language = random.Next(6) == 0 ? "en" : "nl",
                FullName = $"{given} {family}",
                Bsn = DemoBsn(random),
                DateOfBirth = new DateOnly(1955 + random.Next(40), 1 + random.Next(12), 1 + random.Next(28)),
                Email = $"{given.ToLowerInvariant()}.{n}@{Domain}",
                Phone = random.Next(3) == 0 ? null : $"06{random.Next(10000000, 99999999)}",
                PreferredChannel = ContactChannel.Email,
                PreferredTime = ContactTime.NoPreference,
                Description = Stories[random.Next(Stories.Length)],
                FinancialTrouble = random.Next(2) == 0,
                EmotionalTrouble = random.Next(2) == 0,
                ConsentGivenAt = received,
                CreatedByUserId = "demo",
            });
            db.WorkflowInstances.Add(new WorkflowInstance { Id = id, DefinitionId = definition.Id, DefinitionVersion = definition.Version, State = state, Version = 2, StartedAt = received, StateEnteredAt = entered });
            db.WorkflowJournal.Add(new WorkflowJournalEntry { Id = Guid.CreateVersion7(clock.GetUtcNow()), InstanceId = id, Sequence = 1, At = received, ActorName = "Demo", Transition = "start", ToState = CaseVocabulary.States.Screening, DefinitionId = definition.Id, DefinitionVersion = definition.Version });
            if (state != CaseVocabulary.States.Screening)
            {
                db.WorkflowJournal.Add(new WorkflowJournalEntry { Id = Guid.CreateVersion7(clock.GetUtcNow()), InstanceId = id, Sequence = 2, At = entered, ActorName = "Demo", Transition = "demo", FromState = CaseVocabulary.States.Screening, ToState = state, DefinitionId = definition.Id, DefinitionVersion = definition.Version });
            }

            var deadline = term.Start(id, received);
            if (CaseVocabulary.States.DecisionFinalOrAfter.Contains(state) || DecisionTerm.DecidedStates.Contains(state))
            {
                deadline.DecidedOn = AmsterdamTime.DateOf(entered);
            }

            db.Add(deadline);
        }

        await db.SaveChangesAsync();
        return Reports;
    }

    /// <summary>A made-up BSN that passes the eleven-check (never a real person's on purpose: demo data only).</summary>
    private static string DemoBsn(Random random)
    {
        while (true)
        {
            var bsn = random.Next(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Bsn.IsValid(bsn))
            {
                return bsn;
            }
        }
    }
}
