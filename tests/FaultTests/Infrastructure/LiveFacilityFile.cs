using System.Text.Json;

namespace TokenFactoryTwin.FaultTests.Infrastructure;

/// <summary>
/// A facility of live racks only, so that every token and watt the twin shows comes from the replay and its totals can
/// be computed independently: one air-cooled hall, A/B power, racks of four 8-GPU H200 hosts each.
/// </summary>
public static class LiveFacilityFile
{
    public const int HostsPerRack = 4;
    public const int GpusPerHost = 8;

    public static string Host(int rack, int host) => $"node-{rack}-{host}";

    public static string RackId(int rack) => $"live-{rack}";

    public static object Rack(int rack) => new
    {
        id = RackId(rack),
        hall = "hall-1",
        rackType = "hgx-h200-4x",
        row = 1,
        position = rack,
        powerA = "bw-a",
        powerB = "bw-b",
        source = new { kind = "live", hosts = Enumerable.Range(1, HostsPerRack).Select(h => new { hostname = Host(rack, h), gpus = GpusPerHost }) },
    };

    public static string Write(string folder, int declaredRacks)
    {
        var facility = new
        {
            id = "drill",
            name = "Fault drill site",
            halls = new[] { new { id = "hall-1", name = "Hall 1", cooling = "air", pue = 1.3 } },
            powerNodes = new object[]
            {
                new { id = "feed-a", name = "Feed A", kind = "utilityFeed", side = "A", ratingKw = 2000 },
                new { id = "feed-b", name = "Feed B", kind = "utilityFeed", side = "B", ratingKw = 2000 },
                new { id = "bw-a", name = "Busway A", kind = "busway", side = "A", ratingKw = 800, upstream = "feed-a" },
                new { id = "bw-b", name = "Busway B", kind = "busway", side = "B", ratingKw = 800, upstream = "feed-b" },
            },
            racks = Enumerable.Range(1, declaredRacks).Select(Rack).ToArray(),
            spines = Array.Empty<object>(),
            links = Array.Empty<object>(),
            costModel = new { kind = "priceTier", priceTier = "hyperscaler" },
        };
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "drill-facility.json");
        File.WriteAllText(path, JsonSerializer.Serialize(facility));
        return path;
    }
}
