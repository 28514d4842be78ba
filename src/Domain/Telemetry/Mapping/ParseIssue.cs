namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>Something of a body that could not be used, and why; <see cref="Line"/> is 1-based, 0 when not line-based.</summary>
public sealed record ParseIssue(int Line, string Reason);
