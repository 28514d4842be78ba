using TokenFactoryTwin.Domain.Telemetry.Native;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class NativeBatchMapperTests
{
    [Fact]
    public void Addresses_by_twin_gpu_id_or_by_host_and_index()
    {
        var (targets, errors) = NativeBatchMapper.Map([
            new NativeSample(Gpu: "h1-01-g3", Timestamp: "2026-01-31T12:00:00Z", PowerW: 500),
            new NativeSample(Host: "node-1", GpuIndex: 2, Timestamp: "2026-01-31T12:00:00.250+01:00", PromptTokens: 10),
        ]);

        Assert.Empty(errors);
        Assert.Equal(("h1-01", 3, 500.0), (targets[0].RackId!, targets[0].Sample.GpuIndex, targets[0].Sample.PowerW!.Value));
        Assert.Equal(("node-1", 2), (targets[1].Host!, targets[1].Sample.GpuIndex));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 11, 0, 0, 250, TimeSpan.Zero), targets[1].Sample.Timestamp);
    }

    [Theory]
    [InlineData(null, null, null, "2026-01-31T12:00:00Z", "names no GPU")]
    [InlineData("h1-01-g3", "node-1", 0, "2026-01-31T12:00:00Z", "not both")]
    [InlineData("h1-01", null, null, "2026-01-31T12:00:00Z", "not a twin GPU id")]
    [InlineData(null, "node-1", null, "2026-01-31T12:00:00Z", "gpuIndex")]
    [InlineData(null, "node-1", -1, "2026-01-31T12:00:00Z", "gpuIndex")]
    [InlineData("h1-01-g3", null, null, null, "timestamp is required")]
    [InlineData("h1-01-g3", null, null, "yesterday", "not an RFC 3339")]
    public void Each_bad_sample_is_refused_with_its_index_and_the_rest_kept(string? gpu, string? host, int? index, string? timestamp, string reason)
    {
        var (targets, errors) = NativeBatchMapper.Map([
            new NativeSample(Gpu: "h1-01-g0", Timestamp: "2026-01-31T12:00:00Z"),
            new NativeSample(gpu, host, index, Timestamp: timestamp),
            null,
        ]);

        Assert.Single(targets);
        Assert.Equal([1, 2], errors.Select(e => e.Index));
        Assert.Contains(reason, errors[0].Reason);
    }
}
