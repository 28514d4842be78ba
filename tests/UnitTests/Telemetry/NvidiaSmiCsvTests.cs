using TokenFactoryTwin.Domain.Telemetry.NvidiaSmi;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class NvidiaSmiCsvTests
{
    // The shape nvidia-smi --query-gpu=...--format=csv writes (no capture of it is among the fixtures).
    private const string Csv = """
        timestamp, index, uuid, power.draw [W], utilization.gpu [%], temperature.gpu, memory.used [MiB]
        2026/01/31 12:00:00.000, 0, GPU-a, 612.51 W, 87 %, 64, 70123 MiB
        2026/01/31 12:00:00.000, 1, GPU-b, [N/A], 0 %, 31, 0 MiB
        2026/01/31 12:00:01.000, 0, GPU-a, 600.00 W, 85 %, 65, 70123 MiB
        """;

    [Fact]
    public void Rows_become_one_batch_per_timestamp_with_units_stripped()
    {
        var batches = NvidiaSmiCsv.Read(Csv, "gpu-node-1");

        Assert.Equal([2, 1], batches.Select(b => b.Count));
        var first = batches[0][0];
        Assert.Equal(("gpu-node-1", 0, "GPU-a"), (first.Host!, first.GpuIndex!.Value, first.Uuid!));
        Assert.Equal((612.51, 87.0, 64.0, 70123.0), (first.PowerW!.Value, first.UtilizationPercent!.Value, first.TemperatureC!.Value, first.MemoryUsedMiB!.Value));
        Assert.Equal("2026-01-31T12:00:00.0000000Z", first.Timestamp);
        Assert.Null(batches[0][1].PowerW);
    }

    [Fact]
    public void A_csv_without_an_index_column_is_refused()
    {
        Assert.Throws<FormatException>(() => NvidiaSmiCsv.Read("power.draw [W]\n100 W\n", "h"));
    }
}
