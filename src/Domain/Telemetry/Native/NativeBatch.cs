namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>The body of <c>POST /api/telemetry</c>.</summary>
public sealed record NativeBatch(IReadOnlyList<NativeSample?>? Samples);
