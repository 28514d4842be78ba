namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>How a command on a scenario ended; everything but <see cref="Done"/> changed nothing.</summary>
public enum ScenarioOutcome
{
    Done = 0,
    NotFound = 1,
    Invalid = 2,
    VersionMismatch = 3,
    Conflict = 4,
}
