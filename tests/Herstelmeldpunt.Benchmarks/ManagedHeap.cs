using System.Diagnostics;
using System.Globalization;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// The live managed heap of a node: <c>dotnet-gcdump</c> (installed by bench.sh, BENCH_GCDUMP) makes the node run a
/// full collection and writes what survived; its report's "GC Heap bytes" is the figure.
/// </summary>
internal static class ManagedHeap
{
    public static async Task<double> LiveMegabytesAsync(int pid)
    {
        var tool = Environment.GetEnvironmentVariable("BENCH_GCDUMP") is { Length: > 0 } configured ? configured : "dotnet-gcdump";
        var file = Path.Combine(Path.GetTempPath(), $"hm-bench-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            await RunAsync(tool, "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file);
            var report = await RunAsync(tool, "report", file);
            // "    123,456,789  GC Heap bytes"
            var line = report.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("dotnet-gcdump report has no 'GC Heap bytes' line: " + report);
            return long.Parse(line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) / 1_048_576.0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }

        return await output;
    }
}
