using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// What a person with an authenticator app does: read the code shown now on the app's clock. A code
/// works once (<see cref="OneTimeAuthenticatorCodes"/>), so when the account already used this
/// 30-second step the person waits for the next code: the test clock moves on to it.
/// </summary>
public static class Totp
{
    public static async Task<string> NextCodeAsync(AppFactory app, string email, string base32Key)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var used = (await users.FindByEmailAsync(email))?.LastAuthenticatorStep;
        var clock = app.Services.GetRequiredService<TimeProvider>(); // the fake clock, or the real one in the scheduler's tests
        var now = Step(clock);
        if (used is { } last && last >= now)
        {
            var wait = TimeSpan.FromSeconds((30 * (last + 1)) - clock.GetUtcNow().ToUnixTimeSeconds() + 1);
            if (clock is Microsoft.Extensions.Time.Testing.FakeTimeProvider fake)
            {
                fake.Advance(wait);
            }
            else
            {
                await Task.Delay(wait);
            }
        }

        return Code(base32Key, clock);
    }

    /// <summary>The code of the current step on <paramref name="clock"/> (plus <paramref name="stepOffset"/> steps).</summary>
    public static string Code(string base32Key, TimeProvider clock, int stepOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return OneTimeAuthenticatorCodes.Code(OneTimeAuthenticatorCodes.Base32.Decode(base32Key), Step(clock) + stepOffset);
    }

    private static long Step(TimeProvider clock) => clock.GetUtcNow().ToUnixTimeSeconds() / 30;
}
