using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.ScaleBench;

/// <summary>
/// Reads the facility the way a dashboard would and records how old what it gets is:
/// <list type="bullet">
/// <item><b>facility lag</b>: read time minus the oldest hall snapshot the facility KPI is built from — the age of
/// the hall sums in the figure served;</item>
/// <item><b>KPI age</b>: read time minus the facility KPI's own <c>asOf</c> (the facility timer keeping up);</item>
/// <item><b>rack age</b>: read time minus each rack snapshot's <c>asOf</c> as its hall holds it (one hall in turn
/// every few reads) — the rack timers keeping up;</item>
/// <item><b>power age</b>: read time minus the oldest rack reading in any power node's load as the facility serves
/// it (every other read) — rack → hall → busway → upstream nodes, end to end; <b>busway age</b> the same over the
/// leaves of the power tree only;</item>
/// <item><b>sample age</b> (the KPI age of the product's target): for each instant the facility KPI's oldest sample
/// (<c>samplesAsOf</c>) moves to, read time at the first read showing it minus that instant — how long after a
/// period's samples were taken the facility figure first covered every one of them, the probe's poll interval
/// included (as the live benchmark's freshness includes its poll); <b>publish age</b> the same at the figure's own
/// <c>asOf</c> instead of the read, without the poll; <b>read age</b> read time minus <c>samplesAsOf</c> at every
/// read — at least the telemetry period's worth by nature, as a figure stands until the next period's samples.</item>
/// <item><b>the waterfall</b> of the sample age, at the reads where it is measured: sample → the last hall's push
/// that covers it (each hall's <c>asOf</c> minus its <c>samplesAsOf</c>, the latest over the halls), that hall's
/// push → the facility's figure (<c>asOf</c>), the figure → the read; and sample → rack flush from the racks read
/// (each rack's <c>asOf</c> minus its <c>samplesAsOf</c>).</item>
/// </list>
/// A sample is at most facility lag + rack age old when the facility KPI includes it.
/// </summary>
public sealed class LagProbe(IGrainFactory grains, FacilitySpec facility)
{
    private const int RackReadEvery = 10;
    private const int PowerReadEvery = 2;
    private readonly List<double> _facilityLagMs = [];
    private readonly List<double> _kpiAgeMs = [];
    private readonly List<double> _rackAgeMs = [];
    private readonly List<double> _powerAgeMs = [];
    private readonly List<double> _buswayAgeMs = [];
    private readonly List<double> _sampleAgeMs = [];
    private readonly List<double> _publishAgeMs = [];
    private readonly List<double> _readAgeMs = [];
    private readonly List<double> _rackStageMs = [];
    private readonly List<double> _hallStageMs = [];
    private readonly List<double> _facilityStageMs = [];
    private readonly List<double> _readStageMs = [];
    private DateTimeOffset? _lastSamplesAsOf;
    private readonly HashSet<string> _leaves = facility.PowerNodes.Select(n => n.Id)
        .Except(facility.PowerNodes.Select(n => n.Upstream).OfType<string>()).ToHashSet();
    private int _reads;
    private int _incomplete;

    public IReadOnlyList<double> FacilityLagMs => _facilityLagMs;

    public IReadOnlyList<double> KpiAgeMs => _kpiAgeMs;

    public IReadOnlyList<double> RackAgeMs => _rackAgeMs;

    public IReadOnlyList<double> PowerAgeMs => _powerAgeMs;

    public IReadOnlyList<double> BuswayAgeMs => _buswayAgeMs;

    public IReadOnlyList<double> SampleAgeMs => _sampleAgeMs;

    public IReadOnlyList<double> PublishAgeMs => _publishAgeMs;

    public IReadOnlyList<double> ReadAgeMs => _readAgeMs;

    /// <summary>The waterfall: sample → rack flush, sample → hall push, hall push → facility figure, figure → read.</summary>
    public (IReadOnlyList<double> Rack, IReadOnlyList<double> Hall, IReadOnlyList<double> Facility, IReadOnlyList<double> Read) Stages =>
        (_rackStageMs, _hallStageMs, _facilityStageMs, _readStageMs);

    /// <summary>Reads in which the facility did not count every GPU as reporting or counted a stale rack.</summary>
    public int Incomplete => _incomplete;

    public int Reads => _reads;

    /// <summary>Waits (bounded) until the facility KPI counts every GPU as reporting.</summary>
    public async Task<bool> WaitUntilComplete(int expectedGpus, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var f = grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(facility.Id));
        while (DateTimeOffset.UtcNow < deadline)
        {
            var kpis = await f.GetKpis();
            if (kpis.GpusReporting == expectedGpus && kpis.StaleRacks == 0)
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    public async Task Run(TimeSpan duration, TimeSpan interval, int expectedGpus)
    {
        var f = grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(facility.Id));
        var end = DateTimeOffset.UtcNow + duration;
        while (DateTimeOffset.UtcNow < end)
        {
            var kpis = await f.GetKpis();
            var halls = await f.GetHalls();
            var now = DateTimeOffset.UtcNow;
            _kpiAgeMs.Add((now - kpis.AsOf).TotalMilliseconds);
            if (kpis.SamplesAsOf is { } samplesAsOf)
            {
                _readAgeMs.Add((now - samplesAsOf).TotalMilliseconds);
                if (_lastSamplesAsOf is { } last && samplesAsOf > last)
                {
                    _sampleAgeMs.Add((now - samplesAsOf).TotalMilliseconds);
                    _publishAgeMs.Add((kpis.AsOf - samplesAsOf).TotalMilliseconds);
                    var covering = halls.Where(h => h.SamplesAsOf is not null).ToList();
                    if (covering.Count > 0)
                    {
                        var lastHall = covering.MaxBy(h => h.AsOf)!;
                        _hallStageMs.Add(covering.Max(h => (h.AsOf - h.SamplesAsOf!.Value).TotalMilliseconds));
                        _facilityStageMs.Add((kpis.AsOf - lastHall.AsOf).TotalMilliseconds);
                    }

                    _readStageMs.Add((now - kpis.AsOf).TotalMilliseconds);
                }

                _lastSamplesAsOf = samplesAsOf;
            }

            _facilityLagMs.Add(halls.Count == 0 ? double.NaN : (now - halls.Min(h => h.AsOf)).TotalMilliseconds);
            if (kpis.GpusReporting != expectedGpus || kpis.StaleRacks > 0)
            {
                _incomplete++;
            }

            if (_reads % PowerReadEvery == 0)
            {
                var power = await f.GetPower();
                var read = DateTimeOffset.UtcNow;
                var oldest = power.Where(p => p.LoadAsOf is not null).Select(p => (p.Id, AsOf: p.LoadAsOf!.Value)).ToList();
                if (oldest.Count > 0)
                {
                    _powerAgeMs.Add((read - oldest.Min(p => p.AsOf)).TotalMilliseconds);
                    _buswayAgeMs.Add((read - oldest.Where(p => _leaves.Contains(p.Id)).Min(p => p.AsOf)).TotalMilliseconds);
                }
            }

            if (_reads++ % RackReadEvery == 0)
            {
                var hall = facility.Halls[_reads / RackReadEvery % facility.Halls.Count];
                var racks = await grains.GetGrain<IHallGrain>(TwinKeys.Hall(facility.Id, hall.Id)).GetRacks();
                var read = DateTimeOffset.UtcNow;
                _rackAgeMs.AddRange(racks.Select(r => (read - r.AsOf).TotalMilliseconds));
                _rackStageMs.AddRange(racks.Where(r => r.SamplesAsOf is not null).Select(r => (r.AsOf - r.SamplesAsOf!.Value).TotalMilliseconds));
            }

            await Task.Delay(interval);
        }
    }
}
