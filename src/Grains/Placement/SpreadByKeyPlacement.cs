namespace TokenFactoryTwin.Grains.Placement;

/// <summary>
/// Places each activation on the silo its key hashes to among the compatible silos (<see cref="SiloSpread"/>), so a
/// type with thousands of grains (the racks) is shared evenly by the cluster instead of landing beside whichever
/// grain first called it. Orleans' default (resource-optimised) placement prefers the calling silo when loads look
/// alike: the facility grain configures every rack at start, so every rack used to land on the facility's silo.
/// </summary>
[Serializable, GenerateSerializer, Immutable]
public sealed class SpreadByKeyPlacement : PlacementStrategy;
