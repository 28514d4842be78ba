using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Domain.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Meters;

namespace TokenFactoryTwin.Grains.Ingest;

/// <summary>
/// Holds a target's latest meter readings in memory (they are refreshed every scrape): the newest power reading,
/// and per port its octet counters (rates with Prometheus-style resets) and status. Older readings change nothing.
/// </summary>
public sealed class MeterGrain : Grain, IMeterGrain
{
    private const string TargetPrefix = "meter:";
    private readonly Dictionary<string, PortState> _ports = [];
    private double? _powerKw;
    private long _powerMs;
    private long _lastMs;

    public Task<int> Report(IReadOnlyList<MeterSample> samples)
    {
        var applied = 0;
        foreach (var sample in samples)
        {
            var ms = sample.Timestamp.ToUnixTimeMilliseconds();
            if (sample.Kind == MeterKinds.PowerKw)
            {
                if (ms > _powerMs && sample.Value >= 0)
                {
                    (_powerKw, _powerMs) = (sample.Value, ms);
                    applied++;
                    if (Target == MeterKinds.FacilityTarget)
                    {
                        _ = GrainFactory.Reference<IFacilityKpiGrain>(TwinKeys.Facility(TwinKeys.FacilityOf(this.GetPrimaryKeyString())))
                            .ReportFacilityMeter(sample.Value, sample.Timestamp);
                    }
                }

                _lastMs = Math.Max(_lastMs, ms);
                continue;
            }

            var port = Port(sample.Port ?? "");
            var took = sample.Kind switch
            {
                MeterKinds.InOctets => sample.Value >= 0 && port.In.Observe(sample.Value, ms),
                MeterKinds.OutOctets => sample.Value >= 0 && port.Out.Observe(sample.Value, ms),
                MeterKinds.Up when ms > port.StatusMs => port.SetStatus(sample.Value == 1, ms),
                _ => false,
            };
            applied += took ? 1 : 0;
            _lastMs = Math.Max(_lastMs, ms);
        }

        return Task.FromResult(applied);
    }

    private string Target => TwinKeys.LocalId(this.GetPrimaryKeyString())[TargetPrefix.Length..];

    public Task<MeterStatus?> GetStatus() => Task.FromResult<MeterStatus?>(_lastMs == 0 ? null : new MeterStatus(
        Target,
        _powerKw,
        _ports.Values.Sum(p => p.In.Rate) * 8 / 1e9,
        _ports.Values.Sum(p => p.Out.Rate) * 8 / 1e9,
        _ports.Values.Count(p => p.StatusMs > 0 && p.IsUp),
        _ports.Values.Count(p => p.StatusMs > 0 && !p.IsUp),
        DateTimeOffset.FromUnixTimeMilliseconds(_lastMs)));

    private PortState Port(string name) => _ports.TryGetValue(name, out var port) ? port : _ports[name] = new PortState();

    private sealed class PortState
    {
        public CounterTrack In;
        public CounterTrack Out;

        public bool IsUp { get; private set; }

        public long StatusMs { get; private set; }

        public bool SetStatus(bool up, long ms)
        {
            (IsUp, StatusMs) = (up, ms);
            return true;
        }
    }
}
