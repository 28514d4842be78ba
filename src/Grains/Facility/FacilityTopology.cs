using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Grains.Facility;

/// <summary>A topology with the timing it ran at: together they make each rack's configuration.</summary>
internal sealed record FacilityTopology(FacilitySpec Spec, TwinTiming Timing);
