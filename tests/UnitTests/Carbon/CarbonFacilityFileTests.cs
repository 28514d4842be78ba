using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.UnitTests.Carbon;

public sealed class CarbonFacilityFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("carbon-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_default_facility_prices_carbon_at_a_constant()
    {
        var spec = FacilityFile.LoadDefault(CatalogLoader.BuiltIn);

        Assert.Equal(370, spec.Carbon?.GramsPerKwh);
    }

    [Fact]
    public void An_hourly_series_named_in_the_facility_file_is_read_from_beside_it()
    {
        File.WriteAllText(Path.Combine(_directory, "grid.csv"), "hour,gramsPerKwh\n2026-06-01T12:00:00Z,120\n2026-06-01T13:00:00Z,180\n");
        var path = WriteFacility("""{ "hourlyCsv": "grid.csv" }""");

        var spec = FacilityFile.Load(path, CatalogLoader.BuiltIn);

        Assert.Equal([120.0, 180.0], spec.Carbon!.Hourly!.Select(h => h.GramsPerKwh));
    }

    [Theory]
    [InlineData("""{ "hourlyCsv": "missing.csv" }""", "carbon.hourlyCsv: 'missing.csv' does not exist")]
    [InlineData("""{ "gramsPerKwh": -5 }""", "carbon.gramsPerKwh must lie in 0..2000")]
    [InlineData("""{ }""", "carbon needs gramsPerKwh or hourlyCsv")]
    public void Bad_carbon_settings_stop_the_file_with_the_reason(string carbon, string reason)
    {
        var path = WriteFacility(carbon);

        var error = Assert.Throws<FacilityFileException>(() => FacilityFile.Load(path, CatalogLoader.BuiltIn));

        Assert.Contains(error.Problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    /// <summary>The default facility with its carbon settings replaced, written into the test's folder.</summary>
    private string WriteFacility(string carbon)
    {
        var json = Facilities.CatalogLoaderAccess.DefaultFacilityJson().Replace("""
"carbon": { "gramsPerKwh": 370 }
""".Trim(), $"\"carbon\": {carbon}", StringComparison.Ordinal);
        Assert.Contains(carbon, json, StringComparison.Ordinal);
        var path = Path.Combine(_directory, "site.json");
        File.WriteAllText(path, json);
        return path;
    }
}
