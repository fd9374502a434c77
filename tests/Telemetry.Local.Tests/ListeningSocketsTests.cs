using System.Net;
using System.Net.Sockets;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Tests;

public sealed class ListeningSocketsTests
{
    [Fact]
    public void IsListening_PortThisProcessListensOn_True()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.True(ListeningSockets.IsListening(Environment.ProcessId, port));
    }

    [Fact]
    public void IsListening_PortAnotherProcessListensOn_False()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.False(ListeningSockets.IsListening(1, port));
    }

    [Fact]
    public void IsListening_PortNobodyListensOn_False()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Assert.False(ListeningSockets.IsListening(Environment.ProcessId, port));
    }
}
