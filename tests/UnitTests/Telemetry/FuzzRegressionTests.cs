using System.Text.Json;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Native;
using TokenFactoryTwin.Domain.Telemetry.Otlp;

namespace TokenFactoryTwin.UnitTests.Telemetry;

/// <summary>Every input the fuzzer found (tests/TestData/fuzz), replayed: each is refused with a reason, none throws anything else.</summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string> Findings(string prefix) =>
        new(Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz"), $"{prefix}-*").Select(Path.GetFileName)!);

    public static TheoryData<string> NativeFindings => Findings("native");

    public static TheoryData<string> OtlpFindings => Findings("otlp");

    [Theory]
    [MemberData(nameof(NativeFindings))]
    public void A_native_body_the_fuzzer_found_is_refused_as_unreadable(string file)
    {
        var content = NativeBatchReader.Read(Read(file));

        Assert.Contains("not valid UTF-8", content.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OtlpFindings))]
    public void An_otlp_body_the_fuzzer_found_is_refused_as_not_json(string file)
    {
        var error = Assert.Throws<JsonException>(() => OtlpJsonParser.Parse(Read(file), new TelemetryMapper(null, new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero))));

        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz", file));
}
