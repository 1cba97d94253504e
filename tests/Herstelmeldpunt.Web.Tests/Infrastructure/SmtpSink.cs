using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (installed by ./test.sh), storing every message in
/// a Maildir, refusing some recipients on purpose. It can be stopped and started again on the same port to play an outage.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    public const string PythonVariable = "HERSTELMELDPUNT_TEST_SMTP_PYTHON";
    private Process? process;

    public SmtpSink()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hm-smtp-").FullName;
        Port = AppProcess.FreePort();
        Start();
    }

    /// <summary>
    /// aiosmtpd's Maildir handler, with two kinds of recipient it refuses as real servers do: an address
    /// starting with "weigert" gets 550 (permanent), one starting with "later" gets 451 (try again).
    /// </summary>
    private const string RefusingHandler = """
        from aiosmtpd.handlers import Mailbox

        class Handler(Mailbox):
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                local = address.split('@')[0]
                if local.startswith('weigert'):
                    return '550 5.1.1 Mailbox unavailable'
                if local.startswith('later'):
                    return '451 4.3.0 Please try again later'
                envelope.rcpt_tos.append(address)
                return '250 OK'
        """;

    public int Port { get; }

    public string Directory { get; }

    private string Maildir => Path.Combine(Directory, "maildir");

    public void Start()
    {
        var python = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } p ? p : "/usr/bin/python3";
        File.WriteAllText(Path.Combine(Directory, "refusing.py"), RefusingHandler);
        var info = new ProcessStartInfo(python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "refusing.Handler", Maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        info.Environment["PYTHONPATH"] = Directory;
        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the SMTP server.");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The SMTP server (aiosmtpd) is missing or failed: {process.StandardError.ReadToEnd()} Run ./test.sh, which installs python3-aiosmtpd, or set {PythonVariable}.");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new InvalidOperationException($"The SMTP server did not listen on port {Port} within 15 s.");
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>The raw messages received so far.</summary>
    public IReadOnlyList<string> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return System.IO.Directory.Exists(folder)
            ? [.. System.IO.Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllText)]
            : [];
    }

    public void Dispose()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
