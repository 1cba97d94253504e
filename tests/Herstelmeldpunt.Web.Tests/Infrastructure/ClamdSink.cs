using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// A real ClamAV daemon (Debian's clamav-daemon, installed by ./test.sh) on a free loopback port, with a
/// signature file the test writes: no signatures can be downloaded here. The one signature finds the
/// EICAR test string anywhere in a file, so an EICAR string inside a well-formed PDF is found.
/// </summary>
public sealed class ClamdSink : IDisposable
{
    public const string ClamdVariable = "HERSTELMELDPUNT_TEST_CLAMD";

    /// <summary>The industry's harmless test "virus" (68 bytes), built in two halves so that this source file is not itself flagged.</summary>
    public static readonly string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR" + "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private readonly Process process;

    public ClamdSink()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hm-clamd-").FullName;
        Port = AppProcess.FreePort();
        var database = Path.Combine(Directory, "db");
        System.IO.Directory.CreateDirectory(database);
        File.WriteAllText(Path.Combine(database, "test.ndb"), $"Herstelmeldpunt.Test.Eicar:0:*:{Convert.ToHexStringLower(Encoding.ASCII.GetBytes(Eicar))}\n");
        var config = Path.Combine(Directory, "clamd.conf");
        File.WriteAllText(config, string.Join('\n',
            "Foreground yes",
            $"TCPSocket {Port}",
            "TCPAddr 127.0.0.1",
            $"DatabaseDirectory {database}",
            $"LogFile {Path.Combine(Directory, "clamd.log")}",
            $"PidFile {Path.Combine(Directory, "clamd.pid")}",
            "StreamMaxLength 50M",
            "User root",
            "") + '\n');
        var clamd = Environment.GetEnvironmentVariable(ClamdVariable) is { Length: > 0 } c ? c : "/usr/sbin/clamd";
        if (!File.Exists(clamd))
        {
            throw new InvalidOperationException($"ClamAV is missing: {clamd} does not exist. Run ./test.sh, which installs clamav-daemon, or set {ClamdVariable}.");
        }

        process = Process.Start(new ProcessStartInfo(clamd) { ArgumentList = { "--config-file=" + config }, RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("Could not start clamd.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("clamd stopped: " + (File.Exists(Path.Combine(Directory, "clamd.log")) ? File.ReadAllText(Path.Combine(Directory, "clamd.log")) : "(no log)"));
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

        throw new InvalidOperationException($"clamd did not listen on port {Port} within 60 s.");
    }

    public int Port { get; }

    public string Directory { get; }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
