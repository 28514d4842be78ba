using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Carbon;

namespace TokenFactoryTwin.UnitTests.Carbon;

public sealed class CarbonIntensityTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Grams_per_million_tokens_follow_from_power_tokens_and_intensity()
    {
        // 1 MW for an hour is 1,000 kWh = 370 kg at 370 g/kWh; 100,000 tokens/s for an hour is 360 M tokens.
        var grams = CarbonIntensity.GramsPerMillionTokens(1000, 100_000, 370);

        Assert.Equal(370_000.0 / 360, grams!.Value, 9);
        Assert.Equal(10, CarbonIntensity.JoulesPerToken(1000, 100_000)!.Value, 12);
        Assert.Null(CarbonIntensity.GramsPerMillionTokens(1000, 0, 370));
        Assert.Null(CarbonIntensity.GramsPerMillionTokens(1000, 100_000, null));
    }

    [Fact]
    public void The_hourly_series_answers_inside_its_range_and_the_constant_outside_it()
    {
        var spec = new CarbonSpec(400, "grid.csv", [new CarbonHour(Noon, 120), new CarbonHour(Noon.AddHours(1), 180), new CarbonHour(Noon.AddHours(2), 240)]);

        Assert.Equal(120, CarbonIntensity.GramsPerKwhAt(spec, Noon.AddMinutes(59)));
        Assert.Equal(180, CarbonIntensity.GramsPerKwhAt(spec, Noon.AddHours(1)));
        Assert.Equal(240, CarbonIntensity.GramsPerKwhAt(spec, Noon.AddHours(2).AddMinutes(30)));
        Assert.Equal(400, CarbonIntensity.GramsPerKwhAt(spec, Noon.AddHours(3)));
        Assert.Equal(400, CarbonIntensity.GramsPerKwhAt(spec, Noon.AddHours(-1)));
        Assert.Equal(240, CarbonIntensity.GramsPerKwhAt(spec with { GramsPerKwh = null }, Noon.AddDays(1)));
        Assert.Null(CarbonIntensity.GramsPerKwhAt(null, Noon));
        Assert.Equal("hourly", CarbonIntensity.Source(spec, Noon.AddHours(1)));
        Assert.Equal("constant", CarbonIntensity.Source(spec, Noon.AddHours(3)));
        Assert.Equal("hourly (last hour held)", CarbonIntensity.Source(spec with { GramsPerKwh = null }, Noon.AddDays(1)));
        Assert.Equal("none", CarbonIntensity.Source(null, Noon));
    }

    [Fact]
    public void A_csv_is_read_sorted_with_its_header_and_every_bad_line_is_named()
    {
        var (hours, problems) = CarbonCsv.Parse("hour,gramsPerKwh\n2026-06-01T13:00:00Z,180\n# a comment\n2026-06-01T12:00:00Z,120\n");
        Assert.Empty(problems);
        Assert.Equal([120.0, 180.0], hours.Select(h => h.GramsPerKwh));

        var (_, bad) = CarbonCsv.Parse("2026-06-01T12:00:00Z,120\nyesterday,5\n2026-06-01T14:00:00Z,-3\n2026-06-01T15:00:00Z,NaN");
        Assert.Equal(3, bad.Count);
        Assert.Contains(bad, b => b.StartsWith("line 2:", StringComparison.Ordinal));
        Assert.Contains(bad, b => b.StartsWith("line 3:", StringComparison.Ordinal));
        Assert.Contains(bad, b => b.StartsWith("line 4:", StringComparison.Ordinal));
        Assert.Contains("no hours in the file", CarbonCsv.Parse("hour,gramsPerKwh\n").Problems);
    }
}
