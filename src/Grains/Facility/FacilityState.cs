using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Grains.Facility;

/// <summary>
/// The facility's topology as two parts: what the facility file declares (the file wins for those on every start)
/// and what was registered at run time (kept across restarts and file changes).
/// </summary>
[GenerateSerializer, Alias("tft.FacilityState")]
public sealed class FacilityState
{
    [Id(0)] public FacilitySpec? Declared { get; set; }
    [Id(1)] public List<RackSpec> Registered { get; set; } = [];
    [Id(2)] public TwinTiming? Timing { get; set; }
}
