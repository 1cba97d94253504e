using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>A real SMTP server: Debian's aiosmtpd with the Maildir handler (python3-aiosmtpd, installed by ./test.sh).</summary>
public sealed class SmtpServer : IDisposable
{
    private readonly Process process;
    private readonly string directory;

    private SmtpServer(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static SmtpServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var directory = Directory.CreateTempSubdirectory("hm-bench-smtp-").FullName;
        var python = Environment.GetEnvironmentVariable("HERSTELMELDPUNT_TEST_SMTP_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";
        var info = new ProcessStartInfo(python) { ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "maildir") } };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return new SmtpServer(process, directory, port);
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new InvalidOperationException("aiosmtpd did not listen (apt-get install python3-aiosmtpd).");
    }

    /// <summary>Every message stored so far: its file name and its Message-ID (without angle brackets).</summary>
    public Dictionary<string, string> Messages() =>
        new DirectoryInfo(Path.Combine(directory, "maildir", "new")).EnumerateFiles().ToDictionary(
            f => f.Name,
            f => File.ReadLines(f.FullName).TakeWhile(l => l.Length > 0).FirstOrDefault(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase)) is { } header
                ? header["Message-ID:".Length..].Trim().Trim('<', '>')
                : string.Empty,
            StringComparer.Ordinal);

    /// <summary>How many messages the server has stored.</summary>
    public int CountReceived() => Directory.EnumerateFiles(Path.Combine(directory, "maildir", "new")).Count();

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
