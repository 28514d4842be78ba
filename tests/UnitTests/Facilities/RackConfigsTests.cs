using System.Text.Json;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.UnitTests.Facilities;

/// <summary>A rack told what it already holds must recognise it, even read back from storage; any real change must show.</summary>
public sealed class RackConfigsTests
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;

    private static RackConfig Live()
    {
        var spec = new RackSpec("h1-r01-01", "hall-1", "gb300-nvl72", 1, 1, "bw-1a", "bw-1b",
            new TelemetrySourceSpec(TelemetrySourceKinds.Live, [new HostSpec("n00", 4), new HostSpec("n01", 4)]),
            new WorkloadSpec("deepseek-r1-0528", "article-dsr1-gb300"));
        return new RackConfig("site", spec, RackProfiles.Resolve(spec, Catalog), TwinTiming.Default, ["up-h1-r01-01"]);
    }

    private static RackConfig RoundTripped(RackConfig config) =>
        JsonSerializer.Deserialize<RackConfig>(JsonSerializer.Serialize(config, FacilityJson.Options), FacilityJson.Options)!;

    [Fact]
    public void A_configuration_read_back_from_storage_is_the_same()
    {
        var config = Live();

        Assert.True(RackConfigs.Same(config, RoundTripped(config)));
        Assert.False(ReferenceEquals(config.Links, RoundTripped(config).Links));
    }

    [Fact]
    public void A_simulated_rack_without_hosts_is_the_same_as_itself_read_back()
    {
        var config = Live();
        config = config with { Spec = config.Spec with { Source = new TelemetrySourceSpec(Load: new LoadCurveSpec("diurnal")) } };

        Assert.True(RackConfigs.Same(config, RoundTripped(config)));
    }

    public static TheoryData<string> Changes => ["host gpus", "host name", "one host less", "links", "no links", "timing", "hall", "facility", "profile", "source kind"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_shows(string change)
    {
        var config = Live();
        var hosts = config.Spec.Source.Hosts!;
        var changed = change switch
        {
            "host gpus" => config with { Spec = config.Spec with { Source = config.Spec.Source with { Hosts = [hosts[0], hosts[1] with { Gpus = 8 }] } } },
            "host name" => config with { Spec = config.Spec with { Source = config.Spec.Source with { Hosts = [hosts[0], hosts[1] with { Hostname = "n02" }] } } },
            "one host less" => config with { Spec = config.Spec with { Source = config.Spec.Source with { Hosts = [hosts[0]] } } },
            "links" => config with { Links = ["up-h1-r01-01", "up-h1-r01-01b"] },
            "no links" => config with { Links = [] },
            "timing" => config with { Timing = new TwinTiming(TimeSpan.FromSeconds(2)) },
            "hall" => config with { Spec = config.Spec with { Hall = "hall-2" } },
            "facility" => config with { FacilityId = "other" },
            "profile" => config with { Profile = config.Profile with { TokensPerGpuPerSecond = 1 } },
            "source kind" => config with { Spec = config.Spec with { Source = config.Spec.Source with { Kind = TelemetrySourceKinds.Simulated } } },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        Assert.False(RackConfigs.Same(config, RoundTripped(changed)));
        Assert.False(RackConfigs.Same(RoundTripped(changed), config));
    }
}
