using Herstelmeldpunt.Web.Cases;

namespace Herstelmeldpunt.Web.Tests.Cases;

public sealed class IdentityMatchTests
{
    [Theory]
    [InlineData("Jan de Vries", "Jan de Vries", true)]
    [InlineData("jan  DE vries", "Jan de Vries", true)]
    [InlineData("José Müller", "Jose Muller", true)]
    [InlineData("J. de Vries", "Jan de Vries", true)]
    [InlineData("Maria Jansen", "Jan de Vries", false)]
    [InlineData("Jan de Vries", "Piet de Vries", false)]
    [InlineData("", "Jan de Vries", false)]
    public void Names_agree_when_equal_after_accents_case_and_punctuation_or_by_surname_and_initial(string report, string register, bool agree) =>
        Assert.Equal(agree, IdentityMatch.NamesAgree(report, register));

    [Theory]
    [InlineData(null, "Getrouwd, andere achternaam.", "Identity.Error.Choice")]
    [InlineData("misschien", "Getrouwd, andere achternaam.", "Identity.Error.Choice")]
    [InlineData(IdentityMatch.SamePerson, "   ", "Identity.Error.Note")]
    [InlineData(IdentityMatch.DifferentPerson, null, "Identity.Error.Note")]
    [InlineData(IdentityMatch.SamePerson, "Getrouwd, andere achternaam.", null)]
    public void A_resolution_needs_a_choice_and_a_note(string? decision, string? note, string? error) =>
        Assert.Equal(error, IdentityMatch.ResolutionError(decision, note));

    [Fact]
    public void A_note_longer_than_the_limit_is_refused_and_a_kept_one_is_recorded_trimmed_with_the_choice()
    {
        Assert.Equal("Identity.Error.Note", IdentityMatch.ResolutionError(IdentityMatch.SamePerson, new string('x', IdentityMatch.MaxNote + 1)));
        var now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var resolved = IdentityMatch.Resolution(Guid.Empty, "Ilse Intake", IdentityMatch.DifferentPerson, "  Andere geboortedatum.  ", now);
        Assert.Equal((IdentityMatch.ResolvedKind, "different_person: Andere geboortedatum.", now.UtcDateTime, "Ilse Intake"), (resolved.Kind, resolved.Details, resolved.At, resolved.ActorName));
    }
}
