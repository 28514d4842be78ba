namespace TokenFactoryTwin.Domain.Planning;

/// <summary>Ports a rack takes on a spine switch.</summary>
public readonly record struct RackUplink(string Spine, int Ports);
