using System.Text;
using System.Text.Json;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Json;
using TokenFactoryTwin.Domain.Planning;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Native;
using TokenFactoryTwin.Domain.Telemetry.Otlp;

namespace TokenFactoryTwin.UnitTests.Json;

public sealed class JsonEscapesTests
{
    [Theory]
    [InlineData("""{"a":"plain"}""", -1)]
    [InlineData("""{"a":"\ud83d\ude00"}""", -1)]
    [InlineData("""{"a":"\u00e9\n\"\\"}""", -1)]
    [InlineData("""{"a":"\\ud800"}""", -1)]
    [InlineData("""{"a":"\ud800"}""", 6)]
    [InlineData("""{"a":"\ude00"}""", 6)]
    [InlineData("""{"a":"\ud800\n"}""", 6)]
    [InlineData("""{"a":"\ud800\u0041"}""", 6)]
    [InlineData("""{"a":"x\ud83d""", 7)]
    [InlineData("""{"a":"ok\ud83d\ude00","b":"\uDBFF"}""", 27)]
    public void A_lone_surrogate_escape_is_found_where_it_is(string json, int offset)
    {
        Assert.Equal(offset, JsonEscapes.FindLoneSurrogate(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Every_json_reader_of_request_bodies_refuses_a_lone_surrogate_with_the_reason()
    {
        var native = NativeBatchReader.Read("""{"samples":[{"gpu":"h1-r1-01-g0","timestamp":"2026-01-31T12:00:00Z","uuid":"\ud800","powerW":1}]}"""u8);
        var otlp = Assert.Throws<JsonException>(() => OtlpJsonParser.Parse(
            """{"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"\udc00"}}]}}]}"""u8.ToArray(),
            new TelemetryMapper(null, DateTimeOffset.UnixEpoch)));
        var (change, problems) = ChangeJson.Read("""{"kind":"setPue","hall":"\ud800","pue":1.2}"""u8.ToArray());

        Assert.Contains(JsonEscapes.LoneSurrogateReason, native.Refusal, StringComparison.Ordinal);
        Assert.Contains(JsonEscapes.LoneSurrogateReason, otlp.Message, StringComparison.Ordinal);
        Assert.Null(change);
        Assert.Contains(JsonEscapes.LoneSurrogateReason, Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_facility_file_with_a_lone_surrogate_is_refused_as_not_a_facility_document()
    {
        // The serializer (facility files, the gateway's other JSON bodies) turns the reader's complaint into a
        // JsonException itself, which the facility file reports as one of its problems.
        var error = Assert.Throws<FacilityFileException>(() => FacilityFile.Parse("""{"id":"\ud800"}""", "lone.json", CatalogLoader.BuiltIn));

        Assert.Contains("not a valid facility document", error.Message, StringComparison.Ordinal);
    }
}
