namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>The body of <c>POST /api/telemetry</c> as a client writes it (the gateway reads it with <see cref="NativeBatchReader"/>).</summary>
public sealed record NativeBatch(IReadOnlyList<NativeSample?>? Samples);
