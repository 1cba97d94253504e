using System.Security.Cryptography;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Documents;

/// <summary>
/// An upload as it arrived: the name the sender gave, its length, and its bytes read when asked (from the request's own
/// buffer, which ASP.NET Core keeps on disk past 64 KB): a request with ten files holds one in memory at a time.
/// </summary>
public sealed class IncomingFile(string fileName, long length, Func<Stream> open)
{
    public string FileName { get; } = fileName;

    public long Length { get; } = length;

    public static IncomingFile FromBytes(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new IncomingFile(fileName, content.Length, () => new MemoryStream(content, writable: false));
    }

    public async Task<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken)
    {
        await using var stream = open();
        var content = new byte[Length];
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }
}

/// <summary>An upload whose kind was decided from its content and that clamd found clean.</summary>
public sealed record CheckedFile(IncomingFile File, FileKind.Kind Kind);

/// <summary>A checked file written (encrypted) under the documents folder, not yet recorded in the database.</summary>
public sealed record WrittenFile(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedAt);

/// <summary>
/// Posted files admitted by the upload gate (<see cref="DocumentStore.Admit"/>): the files, or why they were refused and
/// the status a page answers with (503 busy, 429 over the hour's bytes, 200 otherwise). Disposing frees the gate's place.
/// </summary>
public sealed class AdmittedFiles(IReadOnlyList<IncomingFile> files, string? errorKey, UploadGate.Refusal? refused, IDisposable? lease) : IDisposable
{
    public IReadOnlyList<IncomingFile> Files { get; } = files;

    public string? ErrorKey { get; } = errorKey;

    public int StatusCode => UploadGate.StatusCode(refused);

    public void Dispose() => lease?.Dispose();
}

/// <summary>
/// Accepts documents for a case, all or nothing: at most N files of at most M bytes, each an accepted
/// kind by its content, each found clean by clamd — checked in memory before any byte is written. Then
/// each is written under the documents folder (encrypted; a temporary name, then moved) and recorded in the
/// caller's unit of work. A refusal about one file names that file (in the request's language), so a person
/// who sent several knows which to change. Scoped.
/// </summary>
public sealed class DocumentStore(AppDbContext db, DocumentOptions options, VirusScanner scanner, Data.DatabaseOptions database, TimeProvider clock, IStringLocalizer<Localization.Ui> texts)
{
    public string Folder => Path.GetFullPath(options.Directory, database.DataDirectory);

    /// <summary>Takes the posted files (within the limits), not yet read. Returns an error key when they are too many or too large.</summary>
    public (IReadOnlyList<IncomingFile> Files, string? ErrorKey) Take(IEnumerable<IFormFile>? posted)
    {
        var files = (posted ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count > options.MaxFilesPerMessage)
        {
            return ([], "Documents.Error.TooMany");
        }

        var result = new List<IncomingFile>();
        foreach (var file in files)
        {
            if (file.Length == 0)
            {
                return ([], Named("Documents.Error.Empty", file.FileName));
            }

            if (file.Length > options.MaxBytesPerFile)
            {
                return ([], Named("Documents.Error.TooLarge", file.FileName));
            }

            result.Add(new IncomingFile(file.FileName, file.Length, file.OpenReadStream));
        }

        return (result, null);
    }

    /// <summary>
    /// The posted files taken within the limits (<see cref="Take"/>) and admitted by the upload gate, whose place is
    /// held until the result is disposed; or the error key why not. No files posted: nothing to admit, no error.
    /// </summary>
    public AdmittedFiles Admit(HttpContext context, UploadGate uploads, IEnumerable<IFormFile>? posted)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        var (files, readError) = Take(posted);
        if (readError is not null || files.Count == 0)
        {
            return new AdmittedFiles(files, readError, null, null);
        }

        var (lease, refused) = uploads.TryEnter(context, files.Sum(f => f.Length));
        return refused is { } over ? new AdmittedFiles([], UploadGate.MessageKey(over), over, null) : new AdmittedFiles(files, null, null, lease);
    }

    /// <summary>
    /// The documents a person sends with an answer on Mijn melding (a view, an objection): admitted
    /// (<see cref="Admit"/>), and checked and stored with the case when <paramref name="store"/> (the rest of the form
    /// is valid). Returns the error key and the status code to answer with (too many, too large, busy, over the quota,
    /// refused), or no error and 200.
    /// </summary>
    public async Task<(string? ErrorKey, int StatusCode)> TakeFromPersonAsync(HttpContext context, UploadGate uploads, IEnumerable<IFormFile>? posted, Guid caseId, string uploadedBy, bool store, CancellationToken cancellationToken)
    {
        using var admitted = Admit(context, uploads, posted);
        var error = admitted.ErrorKey;
        if (error is null && store && admitted.Files.Count > 0)
        {
            error = await AddAsync(caseId, admitted.Files, uploadedBy, null, cancellationToken);
        }

        return (error, error is null ? StatusCodes.Status200OK : admitted.StatusCode);
    }

    /// <summary>Checks and stores. Returns an error key (and stores nothing) when any file is refused.</summary>
    public async Task<string?> AddAsync(Guid caseId, IReadOnlyList<IncomingFile> files, string uploadedBy, string? uploadedByName, CancellationToken cancellationToken)
    {
        var (accepted, error) = await CheckAsync(files, cancellationToken);
        if (error is null)
        {
            await WriteAsync(caseId, accepted, uploadedBy, uploadedByName, cancellationToken);
        }

        return error;
    }

    /// <summary>Every file an accepted kind by its content and found clean, checked one at a time; nothing is written. Returns an error key when any is refused.</summary>
    public async Task<(IReadOnlyList<CheckedFile> Accepted, string? ErrorKey)> CheckAsync(IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return ([], null);
        }

        if (!options.UploadsPossible)
        {
            return ([], "Documents.Error.NoScanner");
        }

        var accepted = new List<CheckedFile>();
        foreach (var file in files)
        {
            var content = await file.ReadAllBytesAsync(cancellationToken);
            if (FileKind.Detect(content) is not { } kind)
            {
                return ([], Named("Documents.Error.Kind", file.FileName));
            }

            var scan = await scanner.ScanAsync(content, cancellationToken);
            switch (scan.Verdict)
            {
                case ScanVerdict.Infected:
                    return ([], Named("Documents.Error.Infected", file.FileName));
                case ScanVerdict.Unavailable:
                    return ([], "Documents.Error.ScannerDown");
            }

            accepted.Add(new CheckedFile(file, kind));
        }

        return (accepted, null);
    }

    /// <summary>Writes checked files under the documents folder (a temporary name, then moved) and records them in the caller's unit of work.</summary>
    public async Task WriteAsync(Guid caseId, IReadOnlyList<CheckedFile> accepted, string uploadedBy, string? uploadedByName, CancellationToken cancellationToken) =>
        Record(caseId, await WriteFilesAsync(accepted, cancellationToken), uploadedBy, uploadedByName);

    /// <summary>
    /// Writes checked files under the documents folder (encrypted, a temporary name, then moved), not yet recorded:
    /// for a save that may be retried or may not happen (<see cref="Record"/> each attempt, <see cref="Discard"/> if none stored them).
    /// </summary>
    public async Task<IReadOnlyList<WrittenFile>> WriteFilesAsync(IReadOnlyList<CheckedFile> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.Count == 0)
        {
            return [];
        }

        Directory.CreateDirectory(Folder);
        var now = clock.GetUtcNow();
        var written = new List<WrittenFile>();
        foreach (var (file, kind) in accepted)
        {
            var id = Guid.CreateVersion7(now);
            var path = PathOf(id);
            var content = await file.ReadAllBytesAsync(cancellationToken); // again, one file at a time
            await File.WriteAllBytesAsync(path + ".tmp", db.Cipher.EncryptBytes(content), cancellationToken); // encrypted at rest, like the database's personal data
            File.Move(path + ".tmp", path);
            written.Add(new WrittenFile(id, CleanName(file.FileName, kind), kind.ContentType, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), now.UtcDateTime));
        }

        return written;
    }

    /// <summary>Records written files for a case in the caller's unit of work.</summary>
    public void Record(Guid caseId, IReadOnlyList<WrittenFile> written, string uploadedBy, string? uploadedByName)
    {
        ArgumentNullException.ThrowIfNull(written);
        foreach (var file in written)
        {
            db.Set<CaseDocument>().Add(new CaseDocument
            {
                Id = file.Id,
                CaseId = caseId,
                FileName = file.FileName,
                ContentType = file.ContentType,
                Size = file.Size,
                Sha256 = file.Sha256,
                UploadedAt = file.UploadedAt,
                UploadedBy = uploadedBy,
                UploadedByName = uploadedByName,
            });
        }
    }

    /// <summary>Removes written files that no stored row refers to (the report was a repeat, or was not stored).</summary>
    public void Discard(IReadOnlyList<WrittenFile> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        foreach (var file in written)
        {
            File.Delete(PathOf(file.Id));
        }
    }

    /// <summary>Undoes <see cref="AddAsync"/> when what it belonged to was not stored after all: its files go, its rows are forgotten.</summary>
    public void DiscardPending()
    {
        foreach (var entry in db.ChangeTracker.Entries<CaseDocument>().Where(e => e.State == EntityState.Added).ToList())
        {
            File.Delete(PathOf(entry.Entity.Id));
            entry.State = EntityState.Detached;
        }
    }

    public Task<List<CaseDocument>> ListAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Set<CaseDocument>().AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.UploadedAt).ToListAsync(cancellationToken);

    /// <summary>The document of this case with this id, or null (another case's id gives null too).</summary>
    public async Task<(CaseDocument Document, Stream Content)?> OpenAsync(Guid caseId, Guid documentId, CancellationToken cancellationToken)
    {
        var document = await db.Set<CaseDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.CaseId == caseId, cancellationToken);
        if (document is null || !File.Exists(PathOf(document.Id)))
        {
            return null;
        }

        // Files are at most a few megabytes (DocumentOptions): decrypted in memory. A file stored before encryption is read as it is.
        return (document, new MemoryStream(db.Cipher.DecryptBytes(await File.ReadAllBytesAsync(PathOf(document.Id), cancellationToken)), writable: false));
    }

    /// <summary>Removes a case's files and rows (for retention; the caller saves). Returns how many documents went.</summary>
    public async Task<int> DeleteCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var found = await db.Set<CaseDocument>().Where(d => d.CaseId == caseId).ToListAsync(cancellationToken);
        foreach (var document in found)
        {
            File.Delete(PathOf(document.Id)); // no error when already gone (an earlier run whose commit failed)
            db.Set<CaseDocument>().Remove(document);
        }

        return found.Count;
    }

    /// <summary>The refusal's text naming the file as the person chose it (no folders, nothing hidden, at most 100 characters).</summary>
    private string Named(string key, string fileName)
    {
        var shown = Common.HiddenCharacters.Without(Path.GetFileName(fileName.Replace('\\', '/'))).Trim();
        shown = shown.Length > 100 ? shown[..100] + "…" : shown;
        return texts[key, shown.Length == 0 ? "?" : shown].Value;
    }

    private string PathOf(Guid id) => Path.Combine(Folder, id.ToString("N"));

    /// <summary>The name a file is shown under: no folders, no character that shows nothing or turns text around, at most 100 characters, the extension of its content.</summary>
    public static string CleanName(string name, FileKind.Kind kind)
    {
        var bare = Path.GetFileNameWithoutExtension(Path.GetFileName(name.Replace('\\', '/')));
        // Every character that shows nothing or turns text around goes (zero-width, bidi overrides and isolates, controls): Common/HiddenCharacters.
        var clean = Common.HiddenCharacters.Without(bare.Replace('\u200B', ' ')).Trim();
        clean = clean.Length == 0 ? "document" : clean.Length > 100 ? clean[..100] : clean;
        return clean + kind.Extension; // the extension follows the content
    }
}
