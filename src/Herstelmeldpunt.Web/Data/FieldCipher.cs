using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// Configuration section "Encryption": the keys that encrypt personal data in the database (AES-256-GCM)
/// and the key of the keyed hashes that find a BSN or a name without decrypting. Keys are base64 of 32
/// random bytes. Rotation: add a key, make it current (new writes use it, old ones stay readable), then
/// run the "reencrypt" command. Without keys here, a key file is made in the data directory at first start.
/// </summary>
public sealed class FieldEncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string? CurrentKey { get; set; }

    /// <summary>Key id → base64 key; every key that ever encrypted a value still stored.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>Base64 key of the keyed hashes (BSN, name words). Changing it needs "reencrypt" before searches work again.</summary>
    public string? HashKey { get; set; }
}

/// <summary>
/// Encrypts personal data before it reaches the database and decrypts it after (EF value converters,
/// <see cref="AppDbContext"/>): "enc1:{key id}:{base64 nonce|ciphertext|tag}", AES-256-GCM with a random
/// 96-bit nonce. A value without that prefix is read as it is (rows written before encryption, until the
/// "reencrypt" command rewrites them). Beside the BSN a keyed hash (HMAC-SHA256) is kept, so the register
/// and duplicate checks match on it and a BSN search works; names get a keyed hash per word for search.
/// Singleton.
/// </summary>
public sealed class FieldCipher
{
    private const string Prefix = "enc1:";
    private static readonly byte[] FileMagic = "HMENC1"u8.ToArray();
    private readonly Dictionary<string, byte[]> keys;
    private readonly byte[] hashKey;

    public FieldCipher(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId, byte[] hashKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(hashKey);
        this.keys = keys.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        if (!this.keys.ContainsKey(currentKeyId))
        {
            throw new InvalidOperationException($"{FieldEncryptionOptions.Section}:CurrentKey '{currentKeyId}' is not among the keys.");
        }

        if (this.keys.Values.Any(k => k.Length != 32) || hashKey.Length < 32)
        {
            throw new InvalidOperationException($"{FieldEncryptionOptions.Section}: keys must be 32 random bytes (base64).");
        }

        CurrentKeyId = currentKeyId;
        this.hashKey = hashKey;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', this.keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Key + "=" + Convert.ToBase64String(k.Value))) + "|" + Convert.ToBase64String(hashKey))))[..16];
    }

    public string CurrentKeyId { get; }

    /// <summary>Tells key sets apart without showing them (the EF model is cached per key set).</summary>
    public string Fingerprint { get; }

    /// <summary>New random keys (a first start without configured keys, tools and tests).</summary>
    public static FieldCipher Generate(string keyId = "1") =>
        new(new Dictionary<string, byte[]> { [keyId] = RandomNumberGenerator.GetBytes(32) }, keyId, RandomNumberGenerator.GetBytes(32));

    /// <summary>The configured keys, or the key file in the data directory (made with new keys when missing).</summary>
    public static FieldCipher Load(FieldEncryptionOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Keys.Count == 0)
        {
            var file = Path.Combine(dataDirectory, "keys", "field-encryption.json");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                var fresh = new FieldEncryptionOptions { CurrentKey = "1", Keys = { ["1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, HashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
                File.WriteAllText(file, JsonSerializer.Serialize(fresh));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            options = JsonSerializer.Deserialize<FieldEncryptionOptions>(File.ReadAllText(file)) ?? throw new InvalidOperationException($"{file} is empty.");
        }

        return new FieldCipher(
            options.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal),
            options.CurrentKey ?? throw new InvalidOperationException($"{FieldEncryptionOptions.Section}:CurrentKey is not set."),
            Convert.FromBase64String(options.HashKey ?? throw new InvalidOperationException($"{FieldEncryptionOptions.Section}:HashKey is not set.")));
    }

    public string Encrypt(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        if (plain.Length == 0)
        {
            return plain; // nothing to hide (an anonymised field)
        }

        var data = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[12 + data.Length + 16];
        Seal(CurrentKeyId, data, sealedBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{CurrentKeyId}:{Convert.ToBase64String(sealedBytes)}");
    }

    public string Decrypt(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var separator = stored.IndexOf(':', Prefix.Length);
        var keyId = stored[Prefix.Length..separator];
        var sealedBytes = Convert.FromBase64String(stored[(separator + 1)..]);
        return Encoding.UTF8.GetString(Open(keyId, sealedBytes));
    }

    /// <summary>Whether the value is stored encrypted with the current key (else "reencrypt" rewrites it).</summary>
    public bool IsCurrent(string stored) => stored is { Length: 0 } || (stored?.StartsWith(Prefix + CurrentKeyId + ":", StringComparison.Ordinal) ?? true);

    /// <summary>Bytes (a document, a letter): "HMENC1", key id length and id, then nonce|ciphertext|tag.</summary>
    public byte[] EncryptBytes(byte[] plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var id = Encoding.UTF8.GetBytes(CurrentKeyId);
        var result = new byte[FileMagic.Length + 1 + id.Length + 12 + plain.Length + 16];
        FileMagic.CopyTo(result, 0);
        result[FileMagic.Length] = (byte)id.Length;
        id.CopyTo(result, FileMagic.Length + 1);
        Seal(CurrentKeyId, plain, result.AsSpan(FileMagic.Length + 1 + id.Length));
        return result;
    }

    /// <summary>Reads what <see cref="EncryptBytes"/> wrote; bytes without its header are returned as they are (stored before encryption).</summary>
    public byte[] DecryptBytes(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Length < FileMagic.Length + 1 || !stored.AsSpan(0, FileMagic.Length).SequenceEqual(FileMagic))
        {
            return stored;
        }

        int idLength = stored[FileMagic.Length];
        var keyId = Encoding.UTF8.GetString(stored, FileMagic.Length + 1, idLength);
        return Open(keyId, stored.AsSpan(FileMagic.Length + 1 + idLength).ToArray());
    }

    /// <summary>
    /// A 32-byte key for another purpose (the data-protection key ring), derived from field key <paramref name="keyId"/>
    /// with HKDF-SHA256 and the purpose as its info: like the field keys it lives only in settings or the key file,
    /// never in the database, and it is not the key that encrypts the columns.
    /// </summary>
    public byte[] DerivedKey(string keyId, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return keys.TryGetValue(keyId, out var key)
            ? HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose))
            : throw new CryptographicException($"No {FieldEncryptionOptions.Section} key '{keyId}': it is needed to read what was encrypted with it.");
    }

    /// <summary>A keyed hash of a normalised BSN (64 hex characters): equal BSNs, equal hashes; no BSN can be read from it.</summary>
    public string BsnHash(string bsn) => string.IsNullOrEmpty(bsn) ? string.Empty : Hash("bsn:" + bsn);

    /// <summary>
    /// " h1 h2 … ": a keyed hash per word of the names (lower case, accents off), so a search for whole
    /// words finds the person without the names being readable.
    /// </summary>
    public string NameIndex(params string?[] names)
    {
        var words = names.SelectMany(NameWords).Distinct(StringComparer.Ordinal).Select(NameWordHash).ToList();
        return words.Count == 0 ? string.Empty : " " + string.Join(' ', words) + " ";
    }

    /// <summary>The hash of one word as it stands in <see cref="NameIndex"/>.</summary>
    public string NameWordHash(string word) => Hash("name:" + word)[..16];

    /// <summary>The words of a name as they are hashed: letters and digits, lower case, without accents.</summary>
    public static IEnumerable<string> NameWords(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            yield break;
        }

        var plain = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }

        foreach (var word in plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return word;
        }
    }

    private string Hash(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(value)));

    private void Seal(string keyId, ReadOnlySpan<byte> plain, Span<byte> output)
    {
        var nonce = output[..12];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[keyId], 16);
        aes.Encrypt(nonce, plain, output.Slice(12, plain.Length), output.Slice(12 + plain.Length, 16));
    }

    private byte[] Open(string keyId, byte[] sealedBytes)
    {
        if (!keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"Field encryption key '{keyId}' is not configured: values written with it cannot be read.");
        }

        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length, 16), plain);
        return plain;
    }
}
