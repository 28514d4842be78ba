using System.Globalization;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>Checks each native sample's addressing and timestamp and turns it into a GPU sample for its rack or host.</summary>
public static class NativeBatchMapper
{
    public static (List<NativeTarget> Targets, List<IngestError> Errors) Map(IReadOnlyList<NativeSample?> samples)
    {
        var targets = new List<NativeTarget>(samples.Count);
        var errors = new List<IngestError>();
        for (var i = 0; i < samples.Count; i++)
        {
            var problem = Resolve(i, samples[i], out var target);
            if (problem is not null)
            {
                errors.Add(new IngestError(i, problem));
            }
            else
            {
                targets.Add(target!);
            }
        }

        return (targets, errors);
    }

    private static string? Resolve(int index, NativeSample? s, out NativeTarget? target)
    {
        target = null;
        if (s is null)
        {
            return "the sample is null";
        }

        if (string.IsNullOrWhiteSpace(s.Timestamp))
        {
            return "timestamp is required (RFC 3339, e.g. 2026-01-31T12:00:00Z)";
        }

        if (!DateTimeOffset.TryParse(s.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            return $"timestamp '{s.Timestamp}' is not an RFC 3339 date-time";
        }

        string? rack = null;
        int slot;
        if (s.Gpu is not null)
        {
            if (s.Host is not null)
            {
                return "give either 'gpu' or 'host' with 'gpuIndex', not both";
            }

            if (!GpuIds.TryParse(s.Gpu, out var rackId, out slot))
            {
                return $"gpu '{s.Gpu}' is not a twin GPU id ('<rack>-g<index>', e.g. h1-01-g3)";
            }

            rack = rackId;
        }
        else if (s.Host is not null)
        {
            if (s.GpuIndex is not { } gpuIndex || gpuIndex < 0)
            {
                return "a sample addressed by 'host' needs a non-negative 'gpuIndex'";
            }

            slot = gpuIndex;
        }
        else
        {
            return "the sample names no GPU: give 'gpu' (twin GPU id) or 'host' with 'gpuIndex'";
        }

        target = new NativeTarget(index, rack, rack is null ? s.Host : null, new GpuSample(
            slot, timestamp, s.PowerW, s.EnergyMillijoules, s.UtilizationPercent, s.TemperatureC, s.MemoryUsedMiB,
            s.PromptTokens, s.GenerationTokens, s.Uuid));
        return null;
    }
}
