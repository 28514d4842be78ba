using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using TokenFactoryTwin.Gateway.Ingest;

namespace TokenFactoryTwin.Gateway.Otlp;

/// <summary>
/// The OTLP/gRPC listener: a Kestrel server of its own on <c>Twin:Otlp:GrpcEndpoint</c> (127.0.0.1:4317 by default),
/// HTTP/2 only, serving <see cref="OtlpMetricsGrpcService"/> from the gateway's own services. Apart from the gateway's
/// HTTP listener so that the gateway's URLs (however they are configured) stay as they are, and so that a port already
/// taken costs OTLP/gRPC alone, logged, rather than the whole gateway.
/// </summary>
public sealed partial class OtlpGrpcServer(
    IOptions<OtlpGrpcOptions> options, IOptions<IngestOptions> limits, OtlpMetricsGrpcService service, ILogger<OtlpGrpcServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address it listens on once started (with the port it was given when asked for port 0), else null.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = options.Value.GrpcEndpoint;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        if (!IPEndPoint.TryParse(endpoint, out var listen))
        {
            throw new InvalidOperationException($"Twin:Otlp:GrpcEndpoint '{endpoint}' is not an address and port such as 127.0.0.1:4317.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen, l => l.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, limits.Value.MaxBodyBytes);
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<OtlpMetricsGrpcService>();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            LogNotListening(logger, endpoint, e.Message);
            await app.DisposeAsync();
            return;
        }

        _app = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        LogListening(logger, Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OTLP/gRPC listening on {Address}")]
    private static partial void LogListening(ILogger logger, Uri address);

    [LoggerMessage(Level = LogLevel.Error, Message = "OTLP/gRPC is off: cannot listen on {Endpoint} ({Reason}); set Twin:Otlp:GrpcEndpoint to a free address and port")]
    private static partial void LogNotListening(ILogger logger, string endpoint, string reason);
}
