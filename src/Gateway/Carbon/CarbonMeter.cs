using System.Diagnostics.Metrics;
using TokenFactoryTwin.Domain.Carbon;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Carbon;

/// <summary>
/// Joules per token and grams of CO2 per million tokens, per facility and hall, on the twin's meter (so on
/// <c>/metrics</c> as <c>tokenfactory_facility_joules_per_token</c> and
/// <c>tokenfactory_facility_grams_co2_per_million_tokens</c>), beside the gauges of <see cref="TwinMeter"/>.
/// </summary>
public sealed class CarbonMeter : IDisposable
{
    private readonly Meter _meter;

    public CarbonMeter(IMeterFactory meters, FacilityFeed feed, CarbonFeed carbon)
    {
        _meter = meters.Create(TwinMeter.Name);
        _meter.CreateObservableGauge("tokenfactory.facility.joules_per_token", () => Observe(feed, carbon, joules: true), "J/{token}",
            "Facility energy per token (measured facility power over tokens per second).");
        _meter.CreateObservableGauge("tokenfactory.facility.grams_co2_per_million_tokens", () => Observe(feed, carbon, joules: false), "g/{token}",
            "Grams of CO2 per million tokens at the grid's carbon intensity now.");
        _meter.CreateObservableGauge("tokenfactory.facility.grid_carbon_intensity", () => Intensity(feed, carbon), "g/kWh",
            "The grid's carbon intensity the facility is priced at now.");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<double>> Observe(FacilityFeed feed, CarbonFeed carbon, bool joules)
    {
        if (feed.Latest is not { } view)
        {
            yield break;
        }

        var grams = CarbonIntensity.GramsPerKwhAt(carbon.Latest, view.Facility.AsOf);
        foreach (var (kpis, hall) in view.Halls.Select(h => (h, (string?)h.Id)).Prepend((view.Facility, null)))
        {
            var value = joules
                ? CarbonIntensity.JoulesPerToken(kpis.FacilityPowerKw, kpis.TokensPerSecond)
                : CarbonIntensity.GramsPerMillionTokens(kpis.FacilityPowerKw, kpis.TokensPerSecond, grams);
            if (value is { } v)
            {
                yield return hall is null
                    ? new Measurement<double>(v, new("tokenfactory.scope", "facility"), new("tokenfactory.facility", view.Facility.Id))
                    : new Measurement<double>(v, new("tokenfactory.scope", "hall"), new("tokenfactory.facility", view.Facility.Id), new("tokenfactory.hall", hall));
            }
        }
    }

    private static IEnumerable<Measurement<double>> Intensity(FacilityFeed feed, CarbonFeed carbon)
    {
        if (feed.Latest is { } view && CarbonIntensity.GramsPerKwhAt(carbon.Latest, view.Facility.AsOf) is { } grams)
        {
            yield return new Measurement<double>(grams, new KeyValuePair<string, object?>("tokenfactory.facility", view.Facility.Id));
        }
    }
}
