using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Api;

/// <summary>A partner's webhook receiver on a loopback port (real Kestrel): records what arrives, or answers 503 while <see cref="Down"/>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public sealed record Delivery(string Id, string Timestamp, string Signature, string Type, string Body);

    public Uri Url { get; }

    public ConcurrentQueue<Delivery> Received { get; } = new();

    public int Refused => refused;

    public bool Down { get; set; }

    private int refused;

    public static async Task<WebhookReceiver> StartAsync()
    {
        // The empty builder reads no settings files, so it watches none (inotify instances are limited per user).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            if (receiver!.Down)
            {
                Interlocked.Increment(ref receiver.refused);
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new Delivery(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(), http.Request.Headers["webhook-signature"].ToString(), http.Request.Headers["webhook-type"].ToString(), body));
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        receiver = new WebhookReceiver(app, new Uri(app.Urls.First() + "/hook"));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
