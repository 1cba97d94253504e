using Herstelmeldpunt.Web.Documents;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herstelmeldpunt.Web.Operations;

/// <summary>Degraded when a virus scanner is configured but does not answer: uploads are refused meanwhile.</summary>
public sealed class VirusScannerHealthCheck(DocumentOptions options, VirusScanner scanner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        !options.UploadsPossible ? HealthCheckResult.Healthy("No virus scanner configured: uploads are off.")
        : await scanner.PingAsync(cancellationToken) ? HealthCheckResult.Healthy()
        : HealthCheckResult.Degraded("The virus scanner does not answer: uploads are refused.");
}
