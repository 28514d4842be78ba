using System.Threading.RateLimiting;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using TokenFactoryTwin.Gateway.Hosting;
using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Otlp;

/// <summary>
/// OTLP/gRPC <c>opentelemetry.proto.collector.metrics.v1.MetricsService/Export</c>. Bound by hand over raw bytes
/// (<see cref="BindService"/>), so a request reaches the same protobuf decoder, mapping and answer as OTLP/HTTP.
/// The HTTP limits hold here too: the ingest role when keys are on (<c>authorization: Bearer …</c> metadata), the
/// message size (<c>Twin:Ingest:MaxBodyBytes</c>), and the gateway's write concurrency (<c>Twin:Backpressure</c>):
/// past it RESOURCE_EXHAUSTED, while the cluster is down or starting UNAVAILABLE, both with RetryInfo.
/// </summary>
/// <remarks>Not sealed, <see cref="Export"/> virtual: gRPC's binder takes only a handler that is, or overrides, a virtual method of the bound type.</remarks>
[BindServiceMethod(typeof(OtlpMetricsGrpcService), nameof(BindService))]
public class OtlpMetricsGrpcService(
    TwinLocator twin, OtlpIngestor ingestor, ApiKeyStore keys, IOptions<BackpressureOptions> backpressure) : IDisposable
{
    private const string ServiceName = "opentelemetry.proto.collector.metrics.v1.MetricsService";

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly Method<byte[], byte[]> ExportMethod = new(MethodType.Unary, ServiceName, nameof(Export), Raw, Raw);

    private readonly ConcurrencyLimiter _writes = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = backpressure.Value.MaxConcurrentWrites,
        QueueLimit = backpressure.Value.MaxQueuedWrites,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public static void BindService(ServiceBinderBase binder, OtlpMetricsGrpcService? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);

    public virtual async Task<byte[]> Export(byte[] request, ServerCallContext context)
    {
        if (!keys.MayIngest(context.RequestHeaders.GetValue("authorization")))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "an API key with the ingest role is needed: send it as 'authorization: Bearer <key>'"));
        }

        var retryAfter = TimeSpan.FromSeconds(backpressure.Value.RetryAfterSeconds);
        using var lease = await _writes.AcquireAsync(1, context.CancellationToken);
        if (!lease.IsAcquired)
        {
            throw Refusal(StatusCode.ResourceExhausted, "the gateway is at capacity; nothing was applied", retryAfter);
        }

        try
        {
            if (await twin.FacilityId() is not { } facility)
            {
                throw Refusal(StatusCode.Unavailable, "the twin's cluster has not loaded its facility yet", TimeSpan.FromSeconds(2));
            }

            if (!await twin.FacilityRunning())
            {
                throw Refusal(StatusCode.Unavailable, TwinRequest.StartingDetail, TimeSpan.FromSeconds(2));
            }

            var (reply, unusable) = await ingestor.Ingest(facility, request, protobuf: true);
            return reply is null
                ? throw new RpcException(new Status(StatusCode.InvalidArgument, unusable!))
                : OtlpResponses.Of(reply).ToByteArray();
        }
        catch (Exception e) when (ClusterUnavailableHandler.IsClusterUnavailable(e))
        {
            throw Refusal(StatusCode.Unavailable, $"the twin's cluster is unavailable ({e.GetType().Name}); nothing was applied",
                TimeSpan.FromSeconds(ClusterUnavailableHandler.RetryAfterSeconds));
        }
    }

    public void Dispose()
    {
        _writes.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A retryable refusal: the status, and the google.rpc.Status with RetryInfo in <c>grpc-status-details-bin</c>.</summary>
    private static RpcException Refusal(StatusCode code, string message, TimeSpan retryAfter) =>
        new(new Status(code, message), new Metadata
        {
            { "grpc-status-details-bin", OtlpResponses.Status(code, message, retryAfter).ToByteArray() },
        });
}
