using System.Text;

namespace TokenFactoryTwin.FaultTests.Fuzzing;

/// <summary>
/// What the HTTP fuzzer starts from: every route the gateway serves, each with real bodies to mutate (the captures in
/// <c>tests/TestData</c>, and the JSON the API documents). Bodies name no host or GPU of the fuzzed facility, so a
/// mutation that still parses lands in discovery, never in a rack's figures; routes that change the live twin's
/// topology need the admin role, which the fuzzer's key lacks.
/// </summary>
public sealed class FuzzCorpus
{
    public sealed record Route(string Method, string Path, string? ContentType, IReadOnlyList<byte[]> Bodies);

    public required IReadOnlyList<Route> Routes { get; init; }

    public static FuzzCorpus Load(string testData)
    {
        byte[] File(string name) => System.IO.File.ReadAllBytes(Path.Combine(testData, name));
        byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
        var prometheus = new[]
        {
            File("dcgm_exporter_aicr_eks_8xH100_sampled.prom"), File("dcgm_exporter_aicr_eks_8xH100_sampled_powercap.prom"), File("dcgm_exporter_kops_aws_1xL4.prom"), File("dcgm_exporter_upcloud_1xL40S.prom"),
            File("vllm_metrics_kops_qwen2.5-0.5b_idle_truncated.prom"), File("sglang_metrics_llama3.1-8b_loaded.prom"),
        };
        var otlp = new[] { File("otlp_proto_examples_metrics.json") };
        var native = new[]
        {
            Text("""{"samples":[{"host":"fuzz-host","gpuIndex":3,"timestamp":"2026-01-31T12:00:00Z","powerW":480,"promptTokens":1200,"generationTokens":450}]}"""),
            Text("""{"samples":[{"gpu":"fuzz-rack-g0","timestamp":"2026-01-31T12:00:00Z","powerW":612.5,"utilizationPercent":87,"temperatureC":64,"memoryUsedMiB":70000,"energyMillijoules":123456789}]}"""),
            Text("""{"racks":[{"rack":"fuzz-rack","timestamp":"2026-01-31T12:00:00Z","powerW":[400,410],"promptTokens":[1,2],"generationTokens":[3,4]}]}"""),
            Text("""{"samples":[{"gpu":"fuzz-rack-g1","timestamp":"2026-01-31T12:00:00Z","powerW":398,"enforcedPowerLimitW":400,"clocksEventReasons":4}]}"""),
        };
        var scenario = new[] { Text("""{"name":"two more GB300 racks"}""") };
        var changes = new[]
        {
            Text("""{"kind":"addRacks","rackType":"gb300-nvl72","count":2,"hall":"hall-1","powerA":"bw-a","powerB":"bw-b","loadLevel":0.8}"""),
            Text("""{"kind":"failPowerNode","node":"feed-a"}"""),
            Text("""{"kind":"setWorkload","model":"deepseek-r1-0528","hall":"hall-1","precision":"fp8","inputTokens":1024,"outputTokens":1024,"interactivity":50}"""),
            Text("""{"kind":"setPue","hall":"hall-1","pue":1.2}"""),
        };
        var rack = new[] { Text("""{"id":"fuzz-rack","hall":"hall-1","rackType":"hgx-h200-4x","row":1,"position":9,"powerA":"bw-a","powerB":"bw-b","source":{"kind":"live","hosts":[{"hostname":"fuzz-host","gpus":8}]}}""") };
        var none = Array.Empty<byte[]>();
        return new FuzzCorpus
        {
            Routes =
            [
                new("POST", "/api/ingest/prometheus", "text/plain", prometheus),
                new("POST", "/api/ingest/prometheus?host=fuzz-host", "text/plain", prometheus),
                new("POST", "/api/telemetry", "application/json", native),
                new("POST", "/v1/metrics", "application/json", otlp),
                new("POST", "/v1/metrics", "application/x-protobuf", otlp),
                new("POST", "/api/v1/write", "application/x-protobuf", prometheus),
                new("POST", "/api/scenarios", "application/json", scenario),
                new("POST", "/api/scenarios/{scenario}/changes", "application/json", changes),
                new("POST", "/api/racks", "application/json", rack),
                new("PUT", "/api/endpoints/fuzz", "application/json", [Text("""{"host":"fuzz-host"}""")]),
                new("GET", "/api/facility", null, none),
                new("GET", "/api/halls", null, none),
                new("GET", "/api/racks", null, none),
                new("GET", "/api/racks/live-1", null, none),
                new("GET", "/api/gpus/live-1-g0", null, none),
                new("GET", "/api/power", null, none),
                new("GET", "/api/links", null, none),
                new("GET", "/api/history", null, none),
                new("GET", "/api/topology", null, none),
                new("GET", "/api/catalog", null, none),
                new("GET", "/api/economics?gpu=h200&tokensPerGpuPerSecond=1000&priceTier=hyperscaler", null, none),
                new("GET", "/api/throughput?model=deepseek-r1-0528&gpu=gb300&precision=fp4&isl=1024&osl=1024&mtp=true&interactivity=50", null, none),
                new("GET", "/api/efficiency", null, none),
                new("GET", "/api/cluster", null, none),
                new("GET", "/api/alarms", null, none),
                new("GET", "/api/discovered", null, none),
                new("GET", "/api/meters", null, none),
                new("GET", "/api/scrape-targets", null, none),
                new("GET", "/api/scenarios", null, none),
                new("GET", "/api/scenarios/{scenario}", null, none),
                new("GET", "/api/scenarios/{scenario}/changes/1", null, none),
                new("GET", "/api/scenarios/{scenario}/fit?rackType=gb300-nvl72&hall=hall-1", null, none),
                new("GET", "/api/scenarios/compare?ids={scenario}", null, none),
                new("DELETE", "/api/scenarios/{scenario}/changes/7", null, none),
                new("DELETE", "/api/racks/live-1", null, none),
            ],
        };
    }
}
