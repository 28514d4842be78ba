namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>
/// Limits the alarm rules use. 85 °C is below the slowdown temperature NVIDIA data-center GPUs report
/// (around 87–90 °C for H100/H200/B200 class parts): the alarm comes before the GPU throttles itself.
/// </summary>
public sealed record AlarmThresholds(double GpuMaxTemperatureC = 85)
{
    public static AlarmThresholds Default { get; } = new();
}
