using Herstelmeldpunt.Web.Staff;

namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>The kind of promise a message makes, and the role that owns keeping it.</summary>
public sealed record PromiseRule(PromiseKind Kind, string OwnerRole);

/// <summary>A date a message promises: the caller knows it (the call's day, the range's end, the complaint's term).</summary>
/// <param name="Due">The last day on which doing it counts as kept.</param>
/// <param name="OwnerId">A member of staff who owns it in person, if any.</param>
/// <param name="Kind">For the apology only: the kind of the late promise it gives a new date for.</param>
/// <param name="Follows">For the apology only: the late promise.</param>
public sealed record Promised(DateOnly Due, string? OwnerId = null, PromiseKind? Kind = null, Guid? Follows = null);

/// <summary>
/// Which message to the person makes which promise (the ledger's source of rows). A template that names a date we must
/// meet makes exactly one promise; a date that is the person's own term (to answer, to object), how long a link works or
/// how long data are kept is no promise of ours; a reminder repeats a promise already made. The tests check every
/// template against this table.
/// </summary>
public static class PromiseCatalogue
{
    /// <summary>The apology for a late promise: it makes a new promise of the late one's kind.</summary>
    public const string ApologyTemplate = "promise_late";

    /// <summary>The templates that make a promise.</summary>
    public static readonly IReadOnlyDictionary<string, PromiseRule> Makes = new Dictionary<string, PromiseRule>(StringComparer.Ordinal)
    {
        ["receipt"] = new(PromiseKind.Receipt, StaffRoles.IntakeStaff),
        ["follow_up_call_planned"] = new(PromiseKind.Call, StaffRoles.CustomerContact),
        ["estimate_changed"] = new(PromiseKind.ExpectedDecision, StaffRoles.SmzDecisionMaker),
        ["estimate_late"] = new(PromiseKind.ExpectedDecision, StaffRoles.SmzDecisionMaker),
        ["status_update"] = new(PromiseKind.ExpectedDecision, StaffRoles.SmzDecisionMaker),
        ["decision_term_extended"] = new(PromiseKind.DecisionTerm, StaffRoles.SmzDecisionMaker),
        ["conversation_booked"] = new(PromiseKind.Conversation, StaffRoles.CustomerContact),
        ["complaint_received"] = new(PromiseKind.ComplaintDecision, StaffRoles.ComplaintsOfficer),
        ["complaint_extended"] = new(PromiseKind.ComplaintDecision, StaffRoles.ComplaintsOfficer),
    };

    /// <summary>Templates that name a promised date again without making a new promise (the reminder, the cancellation).</summary>
    public static readonly IReadOnlySet<string> Repeats = new HashSet<string>(StringComparer.Ordinal) { "conversation_reminder", "conversation_cancelled" };

    /// <summary>Placeholders that carry a date we promise: a template naming one must make or repeat a promise.</summary>
    public static readonly IReadOnlySet<string> PromisedDates = new HashSet<string>(StringComparer.Ordinal) { "when", "legal_due", "booked_at", "promised_on" };

    /// <summary>Placeholders that carry a date which is not a promise of ours, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> OtherDates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["answer_by"] = "the person's own term to answer; we wait for it",
        ["objection_until"] = "the person's own term to object (a late objection is registered, not refused)",
        ["objection_date"] = "the day their objection came in",
        ["received_on"] = "the day their report came in",
        ["reassessed_on"] = "the day of the re-assessment (the past)",
        ["link_until"] = "how long the link in the message works",
        ["valid_until"] = "how long the code in the letter works",
        ["kept_for"] = "how long their data are kept",
    };

    /// <summary>The rule for a template (an apology takes the late promise's kind and owner role).</summary>
    public static PromiseRule? RuleFor(string template, Promised? promised) =>
        promised?.Kind is { } kind ? new PromiseRule(kind, Owner(kind))
        : Makes.TryGetValue(template, out var rule) ? rule
        : null;

    /// <summary>Every role that can own a promise (<see cref="RuleFor"/> and <see cref="Owner"/> give no other): a manager's list of late promises is theirs merged.</summary>
    public static readonly IReadOnlyList<string> OwnerRoles = [.. Makes.Values.Select(r => r.OwnerRole).Append(StaffRoles.CustomerContact).Distinct(StringComparer.Ordinal)];

    /// <summary>The role that owns a kind of promise.</summary>
    public static string Owner(PromiseKind kind) => Makes.Values.FirstOrDefault(r => r.Kind == kind)?.OwnerRole ?? StaffRoles.CustomerContact;
}
