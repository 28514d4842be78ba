using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// A tiny exporter stand-in on 127.0.0.1 (a free port): serves <see cref="Body"/> at <c>/metrics</c> with
/// <see cref="Status"/>, after <see cref="Delay"/>. Tests change these to make the target healthy, failing or slow.
/// </summary>
public sealed class FixtureServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FixtureServer(WebApplication app) => _app = app;

    // Set by the test while the server answers on other threads.
    private volatile string _body = "";
    private volatile int _status = 200;
    private int _requests;
    private int _answering;
    private int _mostAtOnce;

    public string Body { get => _body; set => _body = value; }

    public int Status { get => _status; set => _status = value; }

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>When set, each request's body is made afresh (counters that move between scrapes); else <see cref="Body"/>.</summary>
    public Func<string>? Render { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The most requests it was answering at the same time.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public string MetricsUrl { get; private set; } = "";

    public static async Task<FixtureServer> Start(string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FixtureServer(app) { Body = body };
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            Interlocked.Increment(ref server._requests);
            var atOnce = Interlocked.Increment(ref server._answering);
            InterlockedMax(ref server._mostAtOnce, atOnce);
            try
            {
                if (server.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(server.Delay, context.RequestAborted);
                }

                context.Response.StatusCode = server.Status;
                context.Response.ContentType = "text/plain; version=0.0.4";
                await context.Response.WriteAsync(server.Render?.Invoke() ?? server.Body, context.RequestAborted);
            }
            finally
            {
                Interlocked.Decrement(ref server._answering);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.MetricsUrl = $"{address}/metrics";
        return server;
    }

    private static void InterlockedMax(ref int most, int value)
    {
        var seen = Volatile.Read(ref most);
        while (value > seen && Interlocked.CompareExchange(ref most, value, seen) is var before && before != seen)
        {
            seen = before;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
