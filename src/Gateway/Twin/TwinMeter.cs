using System.Diagnostics.Metrics;
using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>
/// The twin's own meter: facility and hall KPIs as OpenTelemetry gauges, read from the latest
/// <see cref="FacilityView"/> at collection time (OTLP export and the <c>/metrics</c> Prometheus scrape).
/// </summary>
public sealed class TwinMeter : IDisposable
{
    public const string Name = "TokenFactoryTwin";

    private readonly Meter _meter;

    public TwinMeter(IMeterFactory meters, FacilityFeed feed)
    {
        _meter = meters.Create(Name);
        Gauge("tokenfactory.facility.tokens_per_second", "{token}/s", "Input plus output tokens per second.", feed, k => k.TokensPerSecond);
        Gauge("tokenfactory.facility.output_tokens_per_second", "{token}/s", "Output tokens per second.", feed, k => k.OutputTokensPerSecond);
        Gauge("tokenfactory.facility.it_power", "kW", "IT power.", feed, k => k.ItPowerKw);
        Gauge("tokenfactory.facility.power", "kW", "Measured facility power (IT power times PUE).", feed, k => k.FacilityPowerKw);
        Gauge("tokenfactory.facility.provisioned_power", "kW", "Provisioned all-in power.", feed, k => k.ProvisionedPowerKw);
        Gauge("tokenfactory.facility.pue", "1", "Power usage effectiveness.", feed, k => k.Pue);
        Gauge("tokenfactory.facility.tokens_per_second_per_megawatt", "{token}/s/MW", "Tokens per second per MW of measured facility power.", feed, k => k.TokensPerSecondPerMegawatt);
        Gauge("tokenfactory.facility.tokens_per_second_per_provisioned_megawatt", "{token}/s/MW", "Tokens per second per provisioned MW.", feed, k => k.TokensPerSecondPerProvisionedMegawatt);
        Gauge("tokenfactory.facility.cost_per_hour", "USD/h", "Cost per hour under the cost model.", feed, k => k.CostPerHourUsd);
        Gauge("tokenfactory.facility.cost_per_million_tokens", "USD", "Cost per million tokens.", feed, k => k.CostPerMillionTokensUsd);
        Gauge("tokenfactory.facility.stale_racks", "{rack}", "Racks whose telemetry stopped.", feed, k => k.StaleRacks);
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>One gauge with a point for the facility and one per hall (attribute <c>tokenfactory.scope</c>).</summary>
    private void Gauge(string name, string unit, string description, FacilityFeed feed, Func<TwinKpis, double?> value) =>
        _meter.CreateObservableGauge(name, () => Observe(feed.Latest, value), unit, description);

    private static IEnumerable<Measurement<double>> Observe(FacilityView? view, Func<TwinKpis, double?> value)
    {
        if (view is null)
        {
            yield break;
        }

        if (value(view.Facility) is { } facility)
        {
            yield return new Measurement<double>(facility, new KeyValuePair<string, object?>("tokenfactory.scope", "facility"),
                new KeyValuePair<string, object?>("tokenfactory.facility", view.Facility.Id));
        }

        foreach (var hall in view.Halls)
        {
            if (value(hall) is { } v)
            {
                yield return new Measurement<double>(v, new KeyValuePair<string, object?>("tokenfactory.scope", "hall"),
                    new KeyValuePair<string, object?>("tokenfactory.facility", view.Facility.Id),
                    new KeyValuePair<string, object?>("tokenfactory.hall", hall.Id));
            }
        }
    }
}
