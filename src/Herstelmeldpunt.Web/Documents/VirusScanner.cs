using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Herstelmeldpunt.Web.Documents;

public enum ScanVerdict
{
    Clean,
    Infected,
    Unavailable,
}

public sealed record ScanResult(ScanVerdict Verdict, string? Detail);

/// <summary>
/// clamd over TCP with its INSTREAM command: the file is sent in chunks from memory and never touches
/// the disk before it is found clean. Thread-safe (a connection per scan).
/// </summary>
public sealed class VirusScanner(DocumentOptions options)
{
    private const int ChunkSize = 64 * 1024;

    public async Task<ScanResult> ScanAsync(byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!options.UploadsPossible)
        {
            return new ScanResult(ScanVerdict.Unavailable, "No scanner is configured.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ScanTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(options.ClamAvHost!, options.ClamAvPort, timeout.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var length = new byte[4];
            for (var offset = 0; offset < content.Length; offset += ChunkSize)
            {
                var size = Math.Min(ChunkSize, content.Length - offset);
                BinaryPrimitives.WriteUInt32BigEndian(length, (uint)size);
                await stream.WriteAsync(length, timeout.Token);
                await stream.WriteAsync(content.AsMemory(offset, size), timeout.Token);
            }

            BinaryPrimitives.WriteUInt32BigEndian(length, 0);
            await stream.WriteAsync(length, timeout.Token);
            var reply = await ReadReplyAsync(stream, timeout.Token);
            return reply.EndsWith("OK", StringComparison.Ordinal) ? new ScanResult(ScanVerdict.Clean, null)
                : reply.EndsWith("FOUND", StringComparison.Ordinal) ? new ScanResult(ScanVerdict.Infected, reply["stream: ".Length..^" FOUND".Length])
                : new ScanResult(ScanVerdict.Unavailable, reply);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ScanResult(ScanVerdict.Unavailable, exception.GetType().Name);
        }
    }

    /// <summary>True when clamd answers PING.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(options.ClamAvHost!, options.ClamAvPort, timeout.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync("zPING\0"u8.ToArray(), timeout.Token);
            return await ReadReplyAsync(stream, timeout.Token) == "PONG";
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        var reply = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
            if (buffer[read - 1] == 0)
            {
                break;
            }
        }

        return reply.ToString().TrimEnd('\0', '\n');
    }
}
