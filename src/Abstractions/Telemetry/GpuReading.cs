using System.Numerics;

namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// One GPU's nine readings, in the order of the <see cref="GpuMetrics"/> flags (running requests, a server-level
/// reading, has no place here). A value type: a simulated rack writes
/// its 72 GPUs straight into its arrays each period without allocating, and a <see cref="PackedGpuSample"/> carries
/// one (with flags saying which readings are present) inside a packed batch.
/// </summary>
public readonly record struct GpuReading(
    double PowerW,
    double EnergyMillijoules,
    double UtilizationPercent,
    double TemperatureC,
    double MemoryUsedMiB,
    double PromptTokens,
    double GenerationTokens,
    double EnforcedPowerLimitW = 0,
    double ClocksEventReasons = 0)
{
    public const int Count = 9;

    /// <summary>The position of one reading (a single flag) in the order above.</summary>
    public static int IndexOf(GpuMetrics reading)
    {
        var bit = BitOperations.TrailingZeroCount((int)reading);
        // Flags past RunningRequests sit one place lower: running requests is never a GPU's reading.
        return reading > GpuMetrics.RunningRequests ? bit - 1 : bit;
    }

    /// <summary>A reading's name as the APIs spell it (the native ingest format's property, and refusal messages).</summary>
    public static string NameOf(GpuMetrics reading) => reading switch
    {
        GpuMetrics.Power => "powerW",
        GpuMetrics.Energy => "energyMillijoules",
        GpuMetrics.Utilization => "utilizationPercent",
        GpuMetrics.Temperature => "temperatureC",
        GpuMetrics.Memory => "memoryUsedMiB",
        GpuMetrics.PromptTokens => "promptTokens",
        GpuMetrics.EnforcedPowerLimit => "enforcedPowerLimitW",
        GpuMetrics.ClocksEventReasons => "clocksEventReasons",
        _ => "generationTokens",
    };

    /// <summary>One reading (a single flag) of the nine.</summary>
    public double Of(GpuMetrics reading) => reading switch
    {
        GpuMetrics.Power => PowerW,
        GpuMetrics.Energy => EnergyMillijoules,
        GpuMetrics.Utilization => UtilizationPercent,
        GpuMetrics.Temperature => TemperatureC,
        GpuMetrics.Memory => MemoryUsedMiB,
        GpuMetrics.PromptTokens => PromptTokens,
        GpuMetrics.EnforcedPowerLimit => EnforcedPowerLimitW,
        GpuMetrics.ClocksEventReasons => ClocksEventReasons,
        _ => GenerationTokens,
    };

    /// <summary>The same readings with one (a single flag) set to <paramref name="value"/>.</summary>
    public GpuReading With(GpuMetrics reading, double value) => reading switch
    {
        GpuMetrics.Power => this with { PowerW = value },
        GpuMetrics.Energy => this with { EnergyMillijoules = value },
        GpuMetrics.Utilization => this with { UtilizationPercent = value },
        GpuMetrics.Temperature => this with { TemperatureC = value },
        GpuMetrics.Memory => this with { MemoryUsedMiB = value },
        GpuMetrics.PromptTokens => this with { PromptTokens = value },
        GpuMetrics.EnforcedPowerLimit => this with { EnforcedPowerLimitW = value },
        GpuMetrics.ClocksEventReasons => this with { ClocksEventReasons = value },
        _ => this with { GenerationTokens = value },
    };

    /// <summary>The readings from their values in the order above.</summary>
    public static GpuReading From(ReadOnlySpan<double> values) =>
        new(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8]);
}
