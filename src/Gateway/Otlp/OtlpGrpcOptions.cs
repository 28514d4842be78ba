namespace TokenFactoryTwin.Gateway.Otlp;

/// <summary><c>Twin:Otlp</c>: where the gateway serves OTLP/gRPC.</summary>
public sealed class OtlpGrpcOptions
{
    /// <summary>
    /// The address and port of the OTLP/gRPC listener (HTTP/2 without TLS), 4317 by OpenTelemetry's convention and on
    /// loopback unless set otherwise; port 0 takes a free one; empty turns OTLP/gRPC off.
    /// </summary>
    public string GrpcEndpoint { get; set; } = "127.0.0.1:4317";
}
