using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>
/// Hangfire logs through one process-wide provider, and its classes keep their loggers in static
/// fields. Hangfire's own ASP.NET Core provider ties them to the first app's logger factory, which is
/// gone once that app stops (a second app in the same process — the tests — then fails in Hangfire's
/// type initialisers). This bridge looks up the logger factory of the app started last at each call and
/// drops a message when that app has stopped.
/// </summary>
public sealed class HangfireLogBridge : ILogProvider
{
    public static readonly HangfireLogBridge Instance = new();
    private ILoggerFactory? factory;

    private HangfireLogBridge()
    {
    }

    public void Use(ILoggerFactory loggerFactory) => Volatile.Write(ref factory, loggerFactory);

    public ILog GetLogger(string name) => new BridgedLog(this, name);

    private sealed class BridgedLog(HangfireLogBridge bridge, string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (Volatile.Read(ref bridge.factory) is not { } current)
            {
                return false;
            }

            try
            {
                var logger = current.CreateLogger(name);
                var level = logLevel switch
                {
                    HangfireLevel.Trace => MsLevel.Trace,
                    HangfireLevel.Debug => MsLevel.Debug,
                    HangfireLevel.Info => MsLevel.Information,
                    HangfireLevel.Warn => MsLevel.Warning,
                    HangfireLevel.Error => MsLevel.Error,
                    HangfireLevel.Fatal => MsLevel.Critical,
                    _ => MsLevel.None,
                };
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level); // Hangfire asks whether a level is on
                }

#pragma warning disable CA1848, CA2254, CA1873 // Hangfire hands over finished text; the level was checked by the caller
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA2254, CA1873
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // that app has stopped
            }
        }
    }
}
