using Orleans.Placement;

namespace TokenFactoryTwin.Grains.Placement;

/// <summary>Marks a grain class for <see cref="SpreadByKeyPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadByKeyPlacementAttribute() : PlacementAttribute(new SpreadByKeyPlacement());
