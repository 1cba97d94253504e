using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// Debian's nginx (installed by ./test.sh) as the TLS-terminating reverse proxy in front of app nodes, as
/// docs/architecture.md describes it: HTTPS on a loopback port with a certificate made here, round robin to
/// the nodes, X-Forwarded-For/Proto set, the next node tried when one does not answer. Every answer says
/// which node gave it (<c>X-Upstream</c>, this test's own header).
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string NginxVariable = "HERSTELMELDPUNT_TEST_NGINX";

    private readonly Process process;
    private readonly string directory;
    private readonly string thumbprint;

    public NginxProxy(params int[] upstreamPorts)
    {
        ArgumentNullException.ThrowIfNull(upstreamPorts);
        var nginx = Environment.GetEnvironmentVariable(NginxVariable) is { Length: > 0 } configured ? configured : "/usr/sbin/nginx";
        if (!File.Exists(nginx))
        {
            throw new InvalidOperationException($"nginx is missing at {nginx}. Run ./test.sh, which installs nginx-light, or set {NginxVariable}.");
        }

        directory = Directory.CreateTempSubdirectory("hm-nginx-").FullName;
        thumbprint = WriteCertificate(Path.Combine(directory, "proxy.crt"), Path.Combine(directory, "proxy.key"));
        Port = AppProcess.FreePort();
        var upstreams = string.Concat(upstreamPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n")));
        var user = Environment.UserName == "root" ? "user root;\n" : string.Empty;
        File.WriteAllText(Path.Combine(directory, "nginx.conf"), $$"""
            {{user}}worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                server_tokens off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                client_max_body_size 110m;
                upstream app {
            {{upstreams}}    }
                server {
                    listen 127.0.0.1:{{Port}} ssl;
                    ssl_certificate {{directory}}/proxy.crt;
                    ssl_certificate_key {{directory}}/proxy.key;
                    location / {
                        proxy_pass http://app;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_next_upstream error timeout http_502 http_503;
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            }
            """);
        var info = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", "daemon off;" })
        {
            info.ArgumentList.Add(argument);
        }

        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start nginx.");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx did not start: {process.StandardError.ReadToEnd()} {File.ReadAllText(Path.Combine(directory, "error.log"))}");
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

        throw new InvalidOperationException("nginx did not listen within 10 s.");
    }

    public int Port { get; }

    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{Port}"));

    /// <summary>A client of the proxy that keeps cookies, follows no redirects and trusts the proxy's own certificate (and no other).</summary>
    public HttpClient NewClient() =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
        })
        { BaseAddress = BaseAddress };

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
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }


    /// <summary>Writes a certificate for localhost and 127.0.0.1 with its key (PEM) and returns its thumbprint.</summary>
    private static string WriteCertificate(string certificateFile, string keyFile)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return certificate.GetCertHashString();
    }
}
