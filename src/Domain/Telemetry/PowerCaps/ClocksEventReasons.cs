namespace TokenFactoryTwin.Domain.Telemetry.PowerCaps;

/// <summary>
/// NVML's clocks-event reasons (called clock-throttle reasons before NVML 12.x renamed them; the bits did not move),
/// as dcgm-exporter reports them in <c>DCGM_FI_DEV_CLOCKS_EVENT_REASONS</c>: why the GPU's clocks are below what
/// was asked for. Several bits may be set at once.
/// </summary>
public static class ClocksEventReasons
{
    /// <summary>Nothing runs on the GPU: clocks drop to idle.</summary>
    public const long GpuIdle = 0x1;

    /// <summary>Clocks are held by the applications-clocks setting.</summary>
    public const long ApplicationsClocksSetting = 0x2;

    /// <summary>The clocks are kept low enough not to exceed the power limit set now: a power cap binds.</summary>
    public const long SwPowerCap = 0x4;

    /// <summary>Hardware slowdown (clocks cut by half or more): too hot, an external power brake, or power too high.</summary>
    public const long HwSlowdown = 0x8;

    /// <summary>A sync-boost group holds every GPU of it at the group's lowest clocks.</summary>
    public const long SyncBoost = 0x10;

    /// <summary>Clocks are kept low enough for GPU and memory to stay under their maximum operating temperatures.</summary>
    public const long SwThermalSlowdown = 0x20;

    /// <summary>Hardware thermal slowdown: the temperature is too high.</summary>
    public const long HwThermalSlowdown = 0x40;

    /// <summary>Hardware power-brake slowdown: the system (e.g. its power supply) asserted the external power brake.</summary>
    public const long HwPowerBrakeSlowdown = 0x80;

    /// <summary>Clocks are limited by the display clocks setting.</summary>
    public const long DisplayClockSetting = 0x100;

    private static readonly (long Bit, string Word)[] Words =
    [
        (GpuIdle, "idle"),
        (ApplicationsClocksSetting, "applications clocks setting"),
        (SwPowerCap, "power cap"),
        (HwSlowdown, "hardware slowdown"),
        (SyncBoost, "sync boost"),
        (SwThermalSlowdown, "software thermal slowdown"),
        (HwThermalSlowdown, "hardware thermal slowdown"),
        (HwPowerBrakeSlowdown, "hardware power brake"),
        (DisplayClockSetting, "display clock setting"),
    ];

    /// <summary>The reasons set in <paramref name="reasons"/> as words, in bit order; unknown bits as their hex value.</summary>
    public static IReadOnlyList<string> Describe(long reasons)
    {
        if (reasons == 0)
        {
            return [];
        }

        var words = new List<string>();
        var known = 0L;
        foreach (var (bit, word) in Words)
        {
            known |= bit;
            if ((reasons & bit) != 0)
            {
                words.Add(word);
            }
        }

        if ((reasons & ~known) is var unknown and not 0)
        {
            words.Add($"other (0x{unknown:x})");
        }

        return words;
    }
}
