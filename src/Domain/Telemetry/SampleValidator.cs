using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// Checks one sample before anything of it is applied: a bad field rejects the whole sample, with a reason that
/// names the field, so nothing is half-applied.
/// </summary>
public static class SampleValidator
{
    public static string? Check(GpuSample sample, int gpus, DateTimeOffset now, SampleLimits limits)
    {
        if (sample.GpuIndex < 0 || sample.GpuIndex >= gpus)
        {
            return $"gpuIndex {sample.GpuIndex} is outside this rack's {gpus} GPU slots (0..{gpus - 1})";
        }

        if (sample.Timestamp > now + limits.MaxFuture)
        {
            return $"timestamp {sample.Timestamp:O} is more than {limits.MaxFuture.TotalMinutes:0} minutes in the future";
        }

        if (sample.Timestamp < now - limits.MaxAge)
        {
            return $"timestamp {sample.Timestamp:O} is more than {limits.MaxAge.TotalMinutes:0} minutes old";
        }

        return Field("powerW", sample.PowerW, 0, 5000)
            ?? Field("energyMillijoules", sample.EnergyMillijoules, 0, double.MaxValue)
            ?? Field("utilizationPercent", sample.UtilizationPercent, 0, 100)
            ?? Field("temperatureC", sample.TemperatureC, -40, 150)
            ?? Field("memoryUsedMiB", sample.MemoryUsedMiB, 0, double.MaxValue)
            ?? Field("promptTokens", sample.PromptTokens, 0, double.MaxValue)
            ?? Field("generationTokens", sample.GenerationTokens, 0, double.MaxValue);
    }

    private static string? Field(string name, double? value, double min, double max) => value switch
    {
        null => null,
        { } v when double.IsNaN(v) || double.IsInfinity(v) => $"{name} is not a finite number",
        { } v when v < min => $"{name} {v} is below {min}",
        { } v when v > max => $"{name} {v} is above {max}",
        _ => null,
    };
}
