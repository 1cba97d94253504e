using System.Net;
using System.Net.Sockets;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// A TCP relay on loopback in front of a real server (PostgreSQL), that a test can cut — every open connection
/// reset, new ones refused, as when the database host goes away — and restore on the same port.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly List<TcpClient> open = [];
    private readonly Lock gate = new();
    private TcpListener? listener;
    private Task accepting = Task.CompletedTask;

    public TcpRelay(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync(listener);
    }

    public int Port { get; }

    /// <summary>Resets every relayed connection and refuses new ones.</summary>
    public async Task CutAsync()
    {
        listener?.Stop();
        listener = null;
        await accepting;
        lock (gate)
        {
            foreach (var client in open)
            {
                try
                {
                    client.Client?.LingerState = new LingerOption(true, 0); // a reset, not a polite close
                }
                catch (ObjectDisposedException)
                {
                    // its other side closed it already
                }

                client.Dispose();
            }

            open.Clear();
        }
    }

    /// <summary>Accepts and relays again, on the same port.</summary>
    public void Restore()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        accepting = AcceptAsync(listener);
    }

    public async ValueTask DisposeAsync() => await CutAsync();

    private async Task AcceptAsync(TcpListener from)
    {
        while (true)
        {
            TcpClient incoming;
            try
            {
                incoming = await from.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            var outgoing = new TcpClient();
            try
            {
                await outgoing.ConnectAsync(targetHost, targetPort);
            }
            catch (SocketException)
            {
                incoming.Dispose();
                outgoing.Dispose();
                continue;
            }

            lock (gate)
            {
                open.Add(incoming);
                open.Add(outgoing);
            }

            _ = PumpAsync(incoming, outgoing);
            _ = PumpAsync(outgoing, incoming);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        finally
        {
            to.Dispose();
            from.Dispose();
        }
    }
}
