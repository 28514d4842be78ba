namespace TokenFactoryTwin.Domain.Simulation;

/// <summary>How busy a rack is at an instant, as a fraction of its operating point (0 to 1).</summary>
public interface ILoadCurve
{
    double LevelAt(DateTimeOffset at);
}
