using System.Globalization;
using System.Text;

namespace TokenFactoryTwin.PromCompare;

/// <summary>
/// What a GPU host's exporters serve, for many hosts from one process: dcgm-exporter's series for each of the host's
/// GPUs (power, energy, utilisation, temperature, memory, with its labels) and the host's inference server's token
/// counters (vLLM's names), at <c>/metrics/{host}</c>. Power is constant, so a step in the token rate is a step of
/// the same size in tokens per second per MW. The parts that never change are written once per host.
/// </summary>
public sealed class ExporterFarm
{
    public const double PowerW = 1000;
    private const double OutputShare = 0.3;
    private readonly Dictionary<string, byte[]> _fixed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _gpuLabels = new(StringComparer.Ordinal);
    private readonly TokenSchedule _schedule;
    private readonly int _gpusPerHost;

    public ExporterFarm(IEnumerable<string> hosts, int gpusPerHost, TokenSchedule schedule)
    {
        _schedule = schedule;
        _gpusPerHost = gpusPerHost;
        foreach (var host in hosts)
        {
            var labels = Enumerable.Range(0, gpusPerHost).Select(g =>
                $"gpu=\"{g}\",UUID=\"GPU-{host}-{g}\",device=\"nvidia{g}\",modelName=\"NVIDIA GB300\",pci_bus_id=\"00000000:{0x18 + g:X2}:00.0\",Hostname=\"{host}\",DCGM_FI_DRIVER_VERSION=\"580.105.08\"").ToArray();
            var text = new StringBuilder();
            Series(text, "DCGM_FI_DEV_POWER_USAGE", "gauge", "Power draw (in W).", labels, _ => PowerW.ToString(CultureInfo.InvariantCulture));
            Series(text, "DCGM_FI_DEV_GPU_TEMP", "gauge", "GPU temperature (in C).", labels, _ => "61");
            Series(text, "DCGM_FI_DEV_FB_USED", "gauge", "Framebuffer memory used (in MiB).", labels, _ => "201326");
            _fixed[host] = Encoding.UTF8.GetBytes(text.ToString());
            _gpuLabels[host] = labels;
        }
    }

    public int Hosts => _fixed.Count;

    /// <summary>The host's exposition at <paramref name="unixSeconds"/>, or null for a host this farm does not serve.</summary>
    public byte[]? Render(string host, double unixSeconds)
    {
        if (!_fixed.TryGetValue(host, out var fixedPart))
        {
            return null;
        }

        var labels = _gpuLabels[host];
        var elapsed = Math.Max(0, unixSeconds - _schedule.StartUnix);
        var utilisation = _schedule.RateAt(unixSeconds) == _schedule.HighPerGpu ? "95" : "60";
        var text = new StringBuilder(2048);
        Series(text, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "counter", "Total energy consumption since boot (in mJ).", labels,
            _ => Math.Floor(PowerW * 1000 * elapsed).ToString("F0", CultureInfo.InvariantCulture));
        Series(text, "DCGM_FI_DEV_GPU_UTIL", "gauge", "GPU utilization (in %).", labels, _ => utilisation);
        var tokens = _schedule.TokensPerGpuAt(unixSeconds) * _gpusPerHost;
        text.Append("# TYPE vllm:prompt_tokens_total counter\nvllm:prompt_tokens_total{model_name=\"llama-3.1-70b\"} ")
            .Append((tokens * (1 - OutputShare)).ToString("F1", CultureInfo.InvariantCulture))
            .Append("\n# TYPE vllm:generation_tokens_total counter\nvllm:generation_tokens_total{model_name=\"llama-3.1-70b\"} ")
            .Append((tokens * OutputShare).ToString("F1", CultureInfo.InvariantCulture)).Append('\n');
        var dynamicPart = Encoding.UTF8.GetBytes(text.ToString());
        var body = new byte[fixedPart.Length + dynamicPart.Length];
        fixedPart.CopyTo(body, 0);
        dynamicPart.CopyTo(body, fixedPart.Length);
        return body;
    }

    private static void Series(StringBuilder text, string name, string type, string help, string[] labels, Func<int, string> value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        for (var g = 0; g < labels.Length; g++)
        {
            text.Append(name).Append('{').Append(labels[g]).Append("} ").Append(value(g)).Append('\n');
        }
    }
}
