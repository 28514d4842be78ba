using System.Diagnostics.Metrics;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Workloads;

namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>
/// The facility's figures per tenant and per model on the twin's meter: on <c>/metrics</c> as, for example,
/// <c>tokenfactory_tenant_tokens_per_second{tokenfactory_tenant="…"}</c> and
/// <c>tokenfactory_model_cost_per_million_tokens{tokenfactory_model="…"}</c>. Cardinality is bounded: the
/// <see cref="MaxSeries"/> lines with the most tokens/s (idle always among them) get a series each and the rest add up
/// in <c>(other)</c>, so a flood of namespaces cannot flood a Prometheus either.
/// </summary>
public sealed class WorkloadMeter : IDisposable
{
    public const int MaxSeries = 20;

    private readonly Meter _meter;

    public WorkloadMeter(IMeterFactory meters, FacilityFeed feed)
    {
        _meter = meters.Create(TwinMeter.Name);
        foreach (var (scope, lines) in new (string, Func<WorkloadBreakdown, IReadOnlyList<WorkloadKpis>>)[] { ("tenant", b => b.Tenants), ("model", b => b.Models) })
        {
            Gauge($"tokenfactory.{scope}.tokens_per_second", "{token}/s", $"Input plus output tokens per second per {scope}.", feed, scope, lines, l => l.TokensPerSecond);
            Gauge($"tokenfactory.{scope}.power", "kW", $"Facility power (IT power times PUE) per {scope}.", feed, scope, lines, l => l.FacilityPowerKw);
            Gauge($"tokenfactory.{scope}.gpus", "{gpu}", $"GPUs serving each {scope} now (idle: none).", feed, scope, lines, l => l.Gpus);
            Gauge($"tokenfactory.{scope}.cost_per_hour", "USD/h", $"Cost per hour per {scope}: GPU time held plus energy under a TCO.", feed, scope, lines, l => l.CostPerHourUsd);
            Gauge($"tokenfactory.{scope}.cost_per_million_tokens", "USD", $"Cost per million tokens per {scope}.", feed, scope, lines, l => l.CostPerMillionTokensUsd);
        }
    }

    public void Dispose() => _meter.Dispose();

    private void Gauge(string name, string unit, string description, FacilityFeed feed, string scope,
        Func<WorkloadBreakdown, IReadOnlyList<WorkloadKpis>> lines, Func<WorkloadKpis, double?> value) =>
        _meter.CreateObservableGauge(name, () => Observe(feed.Latest, scope, lines, value), unit, description);

    private static IEnumerable<Measurement<double>> Observe(FacilityView? view, string scope,
        Func<WorkloadBreakdown, IReadOnlyList<WorkloadKpis>> lines, Func<WorkloadKpis, double?> value)
    {
        if (view?.Workloads is not { } workloads)
        {
            yield break;
        }

        foreach (var line in WorkloadPricing.Combine([lines(workloads.Facility)], MaxSeries))
        {
            if (value(line) is { } v)
            {
                yield return new Measurement<double>(v, new KeyValuePair<string, object?>($"tokenfactory.{scope}", line.Name),
                    new KeyValuePair<string, object?>("tokenfactory.facility", view.Facility.Id));
            }
        }
    }
}
