namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// The answer to a change of the live twin's topology: done, refused as invalid (with every reason), or refused
/// because it clashes with what exists. A refused change has changed nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.TwinCommandResult")]
public sealed record TwinCommandResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] IReadOnlyList<string> Problems,
    [property: Id(2)] bool Conflict = false)
{
    public static TwinCommandResult Ok { get; } = new(true, []);

    public static TwinCommandResult Invalid(IReadOnlyList<string> problems) => new(false, problems);

    public static TwinCommandResult Clash(string problem) => new(false, [problem], Conflict: true);
}
