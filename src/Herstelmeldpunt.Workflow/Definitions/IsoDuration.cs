using System.Globalization;
using System.Text.RegularExpressions;

namespace Herstelmeldpunt.Workflow.Definitions;

/// <summary>
/// An ISO 8601 duration in weeks, days, hours and minutes (P6W, P5D, PT4H, P1DT12H). Years and months
/// are refused: their length varies, which makes a deadline ambiguous.
/// </summary>
public readonly partial record struct IsoDuration(int Weeks, int Days, int Hours, int Minutes)
{
    public int TotalDays => (Weeks * 7) + Days;

    public TimeSpan TimeOfDay => new(Hours, Minutes, 0);

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success || text is "P" or "PT" || text.EndsWith('T'))
        {
            return false;
        }

        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        duration = new IsoDuration(Part("w"), Part("d"), Part("h"), Part("m"));
        return duration != default;
    }

    public override string ToString()
    {
        var date = (Weeks > 0 ? $"{Weeks}W" : string.Empty) + (Days > 0 ? $"{Days}D" : string.Empty);
        var time = (Hours > 0 ? $"{Hours}H" : string.Empty) + (Minutes > 0 ? $"{Minutes}M" : string.Empty);
        return "P" + date + (time.Length > 0 ? "T" + time : string.Empty);
    }

    [GeneratedRegex(@"^P(?:(?<w>\d{1,3})W)?(?:(?<d>\d{1,3})D)?(?:T(?:(?<h>\d{1,3})H)?(?:(?<m>\d{1,4})M)?)?$")]
    private static partial Regex Pattern();
}
