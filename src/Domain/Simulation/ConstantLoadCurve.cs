namespace TokenFactoryTwin.Domain.Simulation;

public sealed class ConstantLoadCurve(double level) : ILoadCurve
{
    public double LevelAt(DateTimeOffset at) => level;
}
