namespace TokenFactoryTwin.Domain.Performance.Leaks;

/// <summary>
/// One rack, measured against modelled: its tokens/s, what the model (or a published curve) says the same GPUs deliver
/// at the interactivity its users see (<see cref="InteractivitySource"/> <c>observed</c>, from running requests) or at
/// its workload's stated one (<c>workload</c>), the ratio, and the tokens/s and dollars per hour left on the table.
/// </summary>
public sealed record RackLeak(
    string Rack,
    string Hall,
    string Gpu,
    string Model,
    string Telemetry,
    string OperatingPointSource,
    string Reference,
    double Interactivity,
    string InteractivitySource,
    double RunningRequests,
    double MeasuredTokensPerSecond,
    double ModelledTokensPerSecond,
    double? Ratio,
    double TokensLeftPerSecond,
    double UsdPerHourLeft)
{
    public const string Observed = "observed";
    public const string Stated = "workload";
}
