namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>Why a change cannot be made: the field at fault (as it reads in the change's JSON) and the reason.</summary>
[GenerateSerializer, Immutable, Alias("tft.ChangeProblem")]
public sealed record ChangeProblem(
    [property: Id(0)] string Field,
    [property: Id(1)] string Message);
