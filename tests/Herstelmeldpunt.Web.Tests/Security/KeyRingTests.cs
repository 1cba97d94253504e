using System.Net;
using System.Xml.Linq;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Security;

/// <summary>
/// A copy of the database is not a key (issue 27, item 1): the data-protection key ring in it holds no readable master
/// key, and a staff cookie forged from the database's contents alone is refused. The same forgery with the key kept
/// outside the database is accepted, which shows the forgery itself is sound.
/// </summary>
public abstract class KeyRingTests<TFactory>
    where TFactory : AppFactory, new()
{
    [Fact]
    public async Task The_key_ring_in_the_database_holds_no_readable_master_key()
    {
        await using var app = new TFactory();
        await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator); // makes the ring's first key

        var rows = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());

        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains(nameof(KeyRingXmlDecryptor), xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_staff_cookie_forged_from_a_copy_of_the_database_is_refused_and_one_made_with_the_outside_key_is_not()
    {
        await using var app = new TFactory();
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetPageAsync("/backoffice/beheer/accounts")).Status);

        // What a dump gives: the key ring rows, and the account with its id and security stamp (its claims).
        var dump = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        System.Security.Claims.ClaimsPrincipal principal;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            principal = await scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>().CreateUserPrincipalAsync((await users.FindByIdAsync(admin.Account.Id))!);
        }

        var fromDumpOnly = Forge(dump, principal, outsideKey: null);
        var withOutsideKey = Forge(dump, principal, outsideKey: app.Services.GetRequiredService<FieldCipher>());

        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(app, withOutsideKey)).StatusCode); // the forgery works when the key is known
        var refused = await WithCookieAsync(app, fromDumpOnly);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("/backoffice/inloggen", refused.Headers.Location?.OriginalString ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Upgrading_removes_key_ring_entries_stored_in_clear_and_keeps_the_sealed_ones()
    {
        await using var app = new TFactory();
        await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var sealedRows = await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync());
        await app.WithDbAsync(async db =>
        {
            // As an entry looked before this release: the master key's value in the XML.
            db.DataProtectionKeys.Add(new() { FriendlyName = "key-old", Xml = "<key id=\"00000000-0000-0000-0000-000000000001\" version=\"1\"><descriptor><descriptor><masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\"><value>c2VjcmV0</value></masterKey></descriptor></descriptor></key>" });
            return await db.SaveChangesAsync();
        });

        var removed = await app.WithDbAsync(db => KeyRingProtection.RemovePlainKeysAsync(db, CancellationToken.None));

        Assert.Equal(1, removed);
        Assert.Equal(sealedRows, await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.DataProtectionKeys.AnyAsync(k => k.FriendlyName == "key-old")));
    }

    /// <summary>The attacker's own data-protection system over the dumped ring, with the field cipher or without it.</summary>
    private static string Forge(IReadOnlyList<string> dump, System.Security.Claims.ClaimsPrincipal principal, FieldCipher? outsideKey)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (outsideKey is not null)
        {
            services.AddSingleton(outsideKey);
        }

        services.AddDataProtection().SetApplicationName("Herstelmeldpunt");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new Dumped(dump));
        using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2");
        // Everything inside the ticket is the forger's to write, the time of signing in too.
        var properties = new AuthenticationProperties();
        properties.Items[StaffSessionValidator.SignedInAtItem] = AppFactory.DefaultNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return new TicketDataFormat(protector).Protect(new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme));
    }

    private static async Task<HttpResponseMessage> WithCookieAsync(AppFactory app, string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/backoffice/beheer/accounts");
        request.Headers.Add("Cookie", "hmp-staff=" + cookie);
        return await client.SendAsync(request);
    }

    private sealed class Dumped(IReadOnlyList<string> rows) : IXmlRepository
    {
        private readonly List<XElement> elements = [.. rows.Select(XElement.Parse)];

        public IReadOnlyCollection<XElement> GetAllElements() => elements.AsReadOnly();

        public void StoreElement(XElement element, string friendlyName) => elements.Add(element);
    }
}

public sealed class KeyRingTestsOnSqlite : KeyRingTests<SqliteAppFactory>;

public sealed class KeyRingTestsOnPostgres : KeyRingTests<PostgresAppFactory>;
