namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// Caps the GPUs of every rack in <see cref="Scope"/> (<c>facility</c>; <c>hall</c> with <see cref="Hall"/>;
/// <c>rackType</c> with <see cref="RackType"/>; <c>rack</c> with <see cref="Racks"/>) at <see cref="WattsPerGpu"/>
/// or <see cref="PercentOfRated"/> of each GPU's rated power (give one). A cap above what a GPU draws does not bind;
/// one that binds lowers its clock, its draw and its tokens/s as the power-cap model says. A later cap replaces an
/// earlier one on the racks it covers.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.SetPowerCapChange")]
public sealed record SetPowerCapChange(
    [property: Id(0)] string Scope = PowerCapScopes.Facility,
    [property: Id(1)] string? Hall = null,
    [property: Id(2)] string? RackType = null,
    [property: Id(3)] IReadOnlyList<string>? Racks = null,
    [property: Id(4)] double? WattsPerGpu = null,
    [property: Id(5)] double? PercentOfRated = null) : ScenarioChange;
