namespace TokenFactoryTwin.Gateway.Planner;

/// <summary>The body of <c>POST /api/scenarios</c>.</summary>
public sealed record CreateScenarioRequest(string? Name);
