using System.Text.Json.Nodes;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.UnitTests.Facilities;

/// <summary>Each mistake a facility file can hold gets a message naming the thing, and nothing is half-loaded.</summary>
public sealed class FacilityFileTests
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;

    private static JsonObject DefaultDocument() =>
        JsonNode.Parse(CatalogLoaderAccess.DefaultFacilityJson())!.AsObject();

    private static FacilityFileException Refused(JsonObject document) =>
        Assert.Throws<FacilityFileException>(() => FacilityFile.Parse(document.ToJsonString(), "site.json", Catalog));

    [Fact]
    public void The_default_facility_shows_the_articles_contrast()
    {
        var spec = FacilityFile.LoadDefault(Catalog);

        var halls = spec.Halls.ToDictionary(h => h.Id);
        Assert.Contains(spec.Racks, r => r.RackType == "hgx-h200-4x" && halls[r.Hall].Cooling == "air");
        Assert.Contains(spec.Racks, r => r.RackType == "gb300-nvl72" && halls[r.Hall].Cooling == "liquid");
        Assert.All(spec.Racks, r => Assert.NotNull(r.PowerB));
        Assert.All(spec.Racks, r => Assert.Contains(spec.Links, l => l.Rack == r.Id));
    }

    [Theory]
    [InlineData("halls")]
    [InlineData("powerNodes")]
    [InlineData("racks")]
    [InlineData("spines")]
    [InlineData("links")]
    public void A_null_entry_in_a_list_is_named_with_its_place(string list)
    {
        var doc = DefaultDocument();
        doc[list]!.AsArray().Add(null);
        var index = doc[list]!.AsArray().Count - 1;

        var error = Refused(doc);

        Assert.Equal([$"{list}[{index}]: is null; each entry must be an object"], error.Problems.Where(p => p.StartsWith(list + "[", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_null_price_tier_is_named_as_a_tier_with_no_price()
    {
        var doc = DefaultDocument();
        doc["costModel"]!["priceTier"] = null;

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.StartsWith("costModel: price tier '' has no price for GPU", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dangling_power_node_is_named()
    {
        var doc = DefaultDocument();
        doc["racks"]![0]!["powerA"] = "bw-nowhere";

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.Contains("powerA 'bw-nowhere' is not a power node"));
        Assert.Contains("site.json", error.Message);
    }

    [Fact]
    public void A_rack_on_no_feed_is_named()
    {
        var doc = DefaultDocument();
        doc["racks"]![0]!.AsObject().Remove("powerA");

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.Contains("is on no feed"));
    }

    [Fact]
    public void A_duplicate_id_is_named()
    {
        var doc = DefaultDocument();
        doc["racks"]![1]!["id"] = doc["racks"]![0]!["id"]!.GetValue<string>();

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.Contains("the id is used twice"));
    }

    [Fact]
    public void A_negative_rating_is_named()
    {
        var doc = DefaultDocument();
        doc["powerNodes"]![4]!["ratingKw"] = -575;

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.Contains("ratingKw -575 must be positive"));
    }

    [Fact]
    public void An_unknown_rack_type_names_the_id_and_the_file()
    {
        var doc = DefaultDocument();
        doc["racks"]![0]!["rackType"] = "hgx-h900";

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.Contains("rack type 'hgx-h900' is not in the catalog"));
        Assert.Contains("site.json", error.Message);
    }

    [Fact]
    public void An_unknown_model_and_an_unknown_upstream_are_both_reported_at_once()
    {
        var doc = DefaultDocument();
        doc["racks"]![0]!["workload"]!["model"] = "gpt-9";
        doc["powerNodes"]![2]!["upstream"] = "feed-z";

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.Contains("model 'gpt-9' is not in the catalog"));
        Assert.Contains(error.Problems, p => p.Contains("upstream 'feed-z' is not a power node"));
    }

    [Fact]
    public void A_liquid_cooled_rack_in_an_air_cooled_hall_is_refused()
    {
        var doc = DefaultDocument();
        doc["racks"]![0]!["rackType"] = "gb300-nvl72";

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.Contains("needs liquid cooling"));
    }

    [Fact]
    public void A_loop_on_the_power_path_is_refused()
    {
        var doc = DefaultDocument();
        doc["powerNodes"]![2]!["upstream"] = "bw-h1-r1-a"; // ups-a fed by one of its own busways

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.Contains("loops back"));
    }

    [Fact]
    public void A_document_that_is_not_json_is_refused_with_the_parser_reason()
    {
        var error = Assert.Throws<FacilityFileException>(() => FacilityFile.Parse("{ \"id\": ", "broken.json", Catalog));

        Assert.Contains("not a valid facility document", error.Problems.Single());
    }

    [Fact]
    public void A_file_is_read_as_UTF8_with_or_without_a_byte_order_mark_and_refused_when_it_is_not_UTF8()
    {
        var json = System.Text.Encoding.UTF8.GetBytes(DefaultDocument().ToJsonString());
        var path = Path.Combine(Directory.CreateTempSubdirectory("tft-facility-").FullName, "site.json");

        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.Preamble, .. json]);
        Assert.NotEmpty(FacilityFile.Load(path, Catalog).Racks);

        // A byte that is not UTF-8 inside a string: refused as a whole, not read as a replacement character.
        var broken = json.ToArray();
        broken[Array.IndexOf(broken, (byte)'"') + 1] = 0xFF;
        File.WriteAllBytes(path, broken);
        var error = Assert.Throws<FacilityFileException>(() => FacilityFile.Load(path, Catalog));
        Assert.Equal("the file is not valid UTF-8", error.Problems.Single());
    }

    [Fact]
    public void A_missing_file_is_named_with_its_full_path()
    {
        var error = Assert.Throws<FacilityFileException>(() => FacilityFile.Load("no/such/site.json", Catalog));

        Assert.Contains(Path.GetFullPath("no/such/site.json"), error.Problems.Single());
    }

    [Fact]
    public void A_tco_cost_model_needs_a_capex_for_every_rack_type_in_use()
    {
        var doc = DefaultDocument();
        doc["costModel"] = new JsonObject { ["kind"] = "tco", ["capexUsdPerRack"] = new JsonObject { ["hgx-h200-4x"] = 1_300_000 } };

        var error = Refused(doc);

        Assert.Contains(error.Problems, p => p.Contains("no price for rack type 'gb300-nvl72'"));
    }

    [Fact]
    public void A_rack_serving_a_model_with_no_published_curve_runs_at_the_modelled_figure()
    {
        var document = DefaultDocument();
        var rack = document["racks"]!.AsArray().First(r => r!["rackType"]!.GetValue<string>() == "gb300-nvl72")!.AsObject();
        rack["workload"] = JsonNode.Parse("""{ "model": "llama-3.3-70b", "precision": "fp8", "inputTokens": 1024, "outputTokens": 1024, "interactivity": 50 }""");

        var spec = FacilityFile.Parse(document.ToJsonString(), "site.json", Catalog);
        var parsed = spec.Racks.Single(r => r.Id == rack["id"]!.GetValue<string>());
        var profile = RackProfiles.Resolve(parsed, Catalog);

        var expected = Catalog.ResolveOperatingPoint(parsed.Workload!, "gb300")!;
        Assert.Equal(ResolvedOperatingPoint.Modelled, expected.Origin);
        Assert.Equal(expected.TokensPerGpuPerSecond, profile.TokensPerGpuPerSecond);
        Assert.Equal(0.5, profile.OutputShare);
    }

    [Fact]
    public void A_workload_the_gpu_cannot_run_is_refused_with_the_reason()
    {
        var document = DefaultDocument();
        var rack = document["racks"]!.AsArray().First(r => r!["rackType"]!.GetValue<string>() == "hgx-h200-4x")!.AsObject();
        rack["workload"] = JsonNode.Parse("""{ "model": "deepseek-r1-0528", "precision": "fp4" }""");

        var error = Refused(document);

        Assert.Contains(rack["id"]!.GetValue<string>(), error.Message);
        Assert.Contains("no fp4 tensor cores", error.Message);
    }
}
