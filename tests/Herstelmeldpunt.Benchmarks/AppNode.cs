using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>The real app as a process of its own (one node of a cluster) on the benchmark database.</summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataDirectory;

    private AppNode(Process process, string dataDirectory, int port)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The process id (for its memory: /proc/{pid}/status).</summary>
    public int ProcessId => process.Id;

    /// <summary>When the process was started (UTC).</summary>
    public DateTime StartedAt { get; private set; }

    /// <summary>How long from starting the process to the first 200 on /health/live.</summary>
    public TimeSpan StartedIn { get; private set; }

    public static async Task<AppNode> StartAsync(BenchDatabase database, bool migrate, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("hm-bench-node-").FullName;
        var info = Info(database, port, data, migrate, settings);
        var startedAt = DateTime.UtcNow;
        var started = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the app");
        // The node logs warnings and errors (its console log goes to standard output): shown with the node's port.
        void Forward(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine($"[node {port}] {line}");
            }
        }

        process.OutputDataReceived += Forward;
        process.ErrorDataReceived += Forward;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new AppNode(process, data, port);
        await node.WaitForReadyAsync();
        node.StartedIn = started.Elapsed;
        node.StartedAt = startedAt;
        return node;
    }

    /// <summary>
    /// The deploy step before nodes start or roll (as production runs it: <c>Herstelmeldpunt.Web migrate</c> once, the
    /// nodes with Database:MigrateOnStartup=false): migrations, hash backfill, roles. Returns how long it took.
    /// </summary>
    public static async Task<TimeSpan> MigrateAsync(BenchDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var data = Directory.CreateTempSubdirectory("hm-bench-migrate-").FullName;
        try
        {
            var info = Info(database, FreePort(), data, migrate: true, settings);
            info.ArgumentList.Add("migrate");
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the app");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'migrate' exited with {process.ExitCode}: {await output}{await errors}");
            }

            return watch.Elapsed;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static ProcessStartInfo Info(BenchDatabase database, int port, string data, bool migrate, IReadOnlyDictionary<string, string>? settings)
    {
        // BENCH_APP_DIR: the app as published for production (bench.sh: ReadyToRun), else the build beside this benchmark.
        var appDirectory = Environment.GetEnvironmentVariable("BENCH_APP_DIR") is { Length: > 0 } published ? published : AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(appDirectory, "Herstelmeldpunt.Web.dll") },
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Database__Provider"] = database.ProviderSetting;
        info.Environment["Email__PublicBaseUrl"] = $"http://127.0.0.1:{port}"; // Production refuses to start without it
        info.Environment["ReportingPoint__Phone"] = "0800 123 4567"; // Production refuses the placeholder contact details
        info.Environment["ReportingPoint__Email"] = "meldpunt@meldpunt.test";
        info.Environment["ReportingPoint__PostalAddress"] = "Meldpunt herstelactie, Postbus 12345, 1000 AB Amsterdam";
        info.Environment["Cookies__SecurePolicy"] = "SameAsRequest"; // plain HTTP on loopback, no proxy
        info.Environment["Encryption__CurrentKey"] = "bench"; // every node reads what the others and the seed wrote
        info.Environment["Encryption__Keys__bench"] = Convert.ToBase64String(database.EncryptionKey);
        info.Environment["Encryption__HashKey"] = Convert.ToBase64String(database.HashKey);
        info.Environment["ConnectionStrings__Herstelmeldpunt"] = database.ConnectionString;
        info.Environment["Database__DataDirectory"] = data;
        info.Environment["Database__MigrateOnStartup"] = migrate ? "true" : "false";
        info.Environment["Workflow__DefinitionsDirectory"] = Path.Combine(AppContext.BaseDirectory, "workflows");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // BENCH_NODE_X__Y=v in the benchmark's environment sets X__Y=v for every node (to compare settings).
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith("BENCH_NODE_", StringComparison.Ordinal))
            {
                info.Environment[name["BENCH_NODE_".Length..]] = variable.Value as string;
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private async Task WaitForReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app process exited with code {process.ExitCode}.");
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException("The app process did not answer within 90 s.");
    }

    /// <summary>A free loopback port (for the app and the bare host).</summary>
    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
