using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// The real app as its own process (<c>dotnet Herstelmeldpunt.Web.dll</c>, Production), with the settings
/// given as environment variables, so a test can kill it with SIGKILL. Its output is kept for a failure message.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    public AppProcess(int port, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Port = port;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Herstelmeldpunt.Web.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Workflow__DefinitionsDirectory"] = Path.Combine(AppContext.BaseDirectory, "workflows");
        info.Environment["Email__PublicBaseUrl"] = $"http://127.0.0.1:{port}"; // a test may give the proxy's address instead
        info.Environment["ReportingPoint__Phone"] = AppFactory.TestContact.Phone;
        info.Environment["ReportingPoint__Email"] = AppFactory.TestContact.Email;
        info.Environment["ReportingPoint__PostalAddress"] = AppFactory.TestContact.PostalAddress;
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        process = Process.Start(info) ?? throw new InvalidOperationException("could not start the app");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>What the process wrote (its last 400 lines).</summary>
    public string Output => string.Join('\n', output);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>
    /// A loopback port nothing listens on now (for an app, a proxy or a test server to take), never one handed out
    /// before in this test run: two tests that each asked for a port before starting their server cannot get the same.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (HandedOut.TryAdd(port, true))
            {
                return port;
            }
        }
    }

    /// <summary>Waits until /health/ready answers 2xx on the process's own port.</summary>
    public async Task WaitForReadyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app process ended with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The app process did not become ready in time:\n{Output}");
    }

    /// <summary>Waits for a command (create-admin, migrate) to end and returns what it printed.</summary>
    public async Task<string> WaitForExitAsync()
    {
        await process.WaitForExitAsync();
        process.WaitForExit(); // the output events have all been raised after this
        return Output;
    }

    public void Kill()
    {
        process.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no clean-up
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 400 && output.TryDequeue(out _))
        {
        }
    }
}
