using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Abstractions.Flex;

/// <summary>A flex event started (<see cref="Status"/>), or why not: the fields at fault, or a conflict with a running event.</summary>
[GenerateSerializer, Immutable, Alias("tft.FlexStartResult")]
public sealed record FlexStartResult(
    [property: Id(0)] FlexStatus? Status,
    [property: Id(1)] IReadOnlyList<ChangeProblem> Problems,
    [property: Id(2)] bool Conflict = false);
