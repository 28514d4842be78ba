namespace TokenFactoryTwin.Domain.Power;

/// <summary>A rack's IT load and the nodes its cords plug into.</summary>
public sealed record RackPowerDemand(string RackId, string PowerA, string? PowerB, double ItKw);
