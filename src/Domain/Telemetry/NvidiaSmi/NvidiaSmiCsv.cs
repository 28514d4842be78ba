using System.Globalization;
using TokenFactoryTwin.Domain.Telemetry.Native;

namespace TokenFactoryTwin.Domain.Telemetry.NvidiaSmi;

/// <summary>
/// Reads <c>nvidia-smi --query-gpu=timestamp,index,uuid,power.draw,utilization.gpu,temperature.gpu,memory.used
/// --format=csv</c> output (with or without <c>,nounits</c>; columns in any order, unknown ones ignored) into native
/// samples for one host, one batch per timestamp in file order. Values like <c>[N/A]</c> are left out of the sample.
/// </summary>
public static class NvidiaSmiCsv
{
    public static IReadOnlyList<IReadOnlyList<NativeSample>> Read(string csv, string host)
    {
        var lines = csv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            return [];
        }

        var columns = lines[0].Split(',').Select(h => h.Trim().Split(' ')[0].ToLowerInvariant()).ToList();
        int Column(string name) => columns.IndexOf(name);
        var (time, index, uuid, power, util, temp, memory) =
            (Column("timestamp"), Column("index"), Column("uuid"), Column("power.draw"), Column("utilization.gpu"), Column("temperature.gpu"), Column("memory.used"));
        if (index < 0)
        {
            throw new FormatException("the CSV has no 'index' column; query at least --query-gpu=index,power.draw");
        }

        var batches = new List<List<NativeSample>>();
        string? lastTime = null;
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',').Select(c => c.Trim()).ToArray();
            string? Cell(int at) => at >= 0 && at < cells.Length ? cells[at] : null;
            var stamp = Cell(time);
            if (batches.Count == 0 || stamp != lastTime)
            {
                batches.Add([]);
                lastTime = stamp;
            }

            batches[^1].Add(new NativeSample(
                Host: host,
                GpuIndex: int.Parse(Cell(index)!, CultureInfo.InvariantCulture),
                Uuid: Cell(uuid),
                Timestamp: stamp is null ? null : ToRfc3339(stamp),
                PowerW: Number(Cell(power)),
                UtilizationPercent: Number(Cell(util)),
                TemperatureC: Number(Cell(temp)),
                MemoryUsedMiB: Number(Cell(memory))));
        }

        return batches;
    }

    /// <summary>nvidia-smi writes local time as <c>2024/01/31 12:00:00.123</c>; taken as UTC here.</summary>
    private static string? ToRfc3339(string stamp) =>
        DateTime.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t.ToString("O", CultureInfo.InvariantCulture)
            : null;

    private static double? Number(string? cell)
    {
        if (cell is null)
        {
            return null;
        }

        var text = cell.Split(' ')[0];
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
