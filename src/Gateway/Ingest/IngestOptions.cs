namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary><c>Twin:Ingest</c>: how much a write may send and how long it may take to send it.</summary>
public sealed class IngestOptions
{
    /// <summary>The largest body accepted, after decompression (413 beyond).</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>A client that has not finished sending its body by then gets 408.</summary>
    public double BodyReadTimeoutSeconds { get; set; } = 30;
}
