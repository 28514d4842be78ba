using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// The facility's live flex event: plans it over the racks' latest figures, caps the simulated racks as planned,
/// publishes the recommended cap for live racks, and lifts every cap when it ends (asked, or its hours are up).
/// </summary>
[Alias("tft.IFlexGrain")]
public interface IFlexGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task<FlexStartResult> Start(FlexEventChange request);

    /// <summary>The running event with its measured figures now; null when none runs.</summary>
    [Alias("Get")]
    Task<FlexStatus?> Get();

    /// <summary>Ends the running event and lifts its caps; false when none ran.</summary>
    [Alias("Stop")]
    Task<bool> Stop();
}
