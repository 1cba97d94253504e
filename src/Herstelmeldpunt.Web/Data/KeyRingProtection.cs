using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// The data-protection key ring (which signs staff and reporter cookies, form tokens and account links) is kept in the
/// database so every node shares it, but its master keys are encrypted before they get there: AES-256-GCM with a key
/// derived from the field-encryption key (<see cref="FieldCipher.DerivedKey"/>), which is kept in settings or the key
/// file, never in the database. A copy of the database therefore holds no key that can forge a sign-in (issue 27,
/// ADR 0024). Where <c>DataProtection:CertificatePath</c> is set, the certificate encrypts instead. A rotated field key
/// stays readable: each entry names the key id it was sealed with.
/// </summary>
public static class KeyRingProtection
{
    public const string Purpose = "Herstelmeldpunt.DataProtection.KeyRing.v1";

    /// <summary>Encrypts every new key-ring entry with the field cipher unless a certificate was configured.</summary>
    public static void UseFieldCipherUnlessCertificate(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<KeyManagementOptions>().Configure<FieldCipher>((options, cipher) => options.XmlEncryptor ??= new KeyRingXmlEncryptor(cipher));
    }

    /// <summary>
    /// Deletes key-ring entries stored before they were encrypted (plain master keys: anyone with a copy of the database
    /// could sign cookies with them). Run with the migrations. Everyone signed in signs in again; links and form
    /// tokens made with those keys stop working. Returns how many were deleted.
    /// </summary>
    public static async Task<int> RemovePlainKeysAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plain = await db.DataProtectionKeys.Where(k => k.Xml != null && k.Xml.Contains("<masterKey") && !k.Xml.Contains("<encryptedSecret")).ToListAsync(cancellationToken);
        db.DataProtectionKeys.RemoveRange(plain);
        await db.SaveChangesAsync(cancellationToken);
        return plain.Count;
    }

    /// <summary>Whether new entries are encrypted before they are stored (checked at start-up).</summary>
    public static bool Encrypts(KeyManagementOptions options) => options?.XmlEncryptor is not null;

    internal static byte[] Seal(FieldCipher cipher, string keyId, byte[] plain)
    {
        var key = cipher.DerivedKey(keyId, Purpose);
        var result = new byte[12 + plain.Length + 16];
        var nonce = result.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plain, result.AsSpan(12, plain.Length), result.AsSpan(12 + plain.Length), Encoding.UTF8.GetBytes(keyId));
        return result;
    }

    internal static byte[] Open(FieldCipher cipher, string keyId, byte[] sealedBytes)
    {
        var key = cipher.DerivedKey(keyId, Purpose);
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, Encoding.UTF8.GetBytes(keyId));
        return plain;
    }
}

/// <summary>Seals one key-ring element: &lt;fieldCipherKeyRing keyId="…"&gt;base64&lt;/…&gt;. Thread-safe.</summary>
public sealed class KeyRingXmlEncryptor(FieldCipher cipher) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement("fieldCipherKeyRing",
            new XAttribute("keyId", cipher.CurrentKeyId),
            new XComment(" Sealed with a key derived from Encryption:Keys, which is not in this database. "),
            Convert.ToBase64String(KeyRingProtection.Seal(cipher, cipher.CurrentKeyId, plain)));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="KeyRingXmlEncryptor"/> sealed; made by the data-protection system with the app's services.</summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var cipher = services.GetService<FieldCipher>() ?? throw new CryptographicException("The key ring is sealed with the field-encryption key, and this process has none.");
        var keyId = encryptedElement.Attribute("keyId")?.Value ?? throw new CryptographicException("A sealed key-ring entry without its key id.");
        var plain = KeyRingProtection.Open(cipher, keyId, Convert.FromBase64String(encryptedElement.Value.Trim()));
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
