namespace TokenFactoryTwin.Domain.Simulation;

/// <summary>
/// Replays a workload trace's token demand, second by second, looping over its length. The position is the
/// wall-clock second modulo the trace length, so every rack replaying one trace sees the same instant of it.
/// </summary>
public sealed class TraceLoadCurve(WorkloadTrace trace, double max) : ILoadCurve
{
    public double LevelAt(DateTimeOffset at)
    {
        var second = at.ToUnixTimeSeconds() % trace.Levels.Count;
        return trace.Levels[(int)second] * max;
    }
}
