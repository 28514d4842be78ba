using System.Globalization;
using System.Text;

namespace TokenFactoryTwin.PromCompare;

/// <summary>
/// What a GPU host's exporters serve, for many hosts from one process: dcgm-exporter's series for each of the host's
/// GPUs (power, energy, utilisation, temperature, memory, with its labels) and the host's inference server's token
/// counters (vLLM's names), at <c>/metrics/{host}</c>. Power is constant, so a step in the token rate is a step of
/// the same size in tokens per second per MW.
/// <para>
/// Each host's body is rendered once, with a fixed-width slot for every value that changes (energy, utilisation,
/// token counters); a scrape copies the body and writes the few numbers into their slots, zero-padded (a valid
/// exposition number), so the farm spends its CPU on HTTP, not on formatting text, and can serve large N cheaply.
/// </para>
/// </summary>
public sealed class ExporterFarm
{
    public const double PowerW = 1000;
    private const double OutputShare = 0.3;
    private const int EnergyWidth = 16;
    private const int UtilisationWidth = 3;
    private const int TokensWidth = 18;
    private readonly Dictionary<string, HostBody> _bodies = new(StringComparer.Ordinal);
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
            var body = new BodyWriter();
            Series(body, "DCGM_FI_DEV_POWER_USAGE", "gauge", "Power draw (in W).", labels, b => b.Text(PowerW.ToString(CultureInfo.InvariantCulture)));
            Series(body, "DCGM_FI_DEV_GPU_TEMP", "gauge", "GPU temperature (in C).", labels, b => b.Text("61"));
            Series(body, "DCGM_FI_DEV_FB_USED", "gauge", "Framebuffer memory used (in MiB).", labels, b => b.Text("201326"));
            Series(body, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "counter", "Total energy consumption since boot (in mJ).", labels, b => b.Slot(Slot.Energy, EnergyWidth));
            Series(body, "DCGM_FI_DEV_GPU_UTIL", "gauge", "GPU utilization (in %).", labels, b => b.Slot(Slot.Utilisation, UtilisationWidth));
            body.Text("# TYPE vllm:prompt_tokens_total counter\nvllm:prompt_tokens_total{model_name=\"llama-3.1-70b\"} ").Slot(Slot.Prompt, TokensWidth)
                .Text("\n# TYPE vllm:generation_tokens_total counter\nvllm:generation_tokens_total{model_name=\"llama-3.1-70b\"} ").Slot(Slot.Generation, TokensWidth).Text("\n");
            _bodies[host] = body.Build();
        }
    }

    public int Hosts => _bodies.Count;

    /// <summary>The length of the host's exposition, or -1 for a host this farm does not serve.</summary>
    public int LengthOf(string host) => _bodies.TryGetValue(host, out var body) ? body.Template.Length : -1;

    /// <summary>Writes the host's exposition at <paramref name="unixSeconds"/> into <paramref name="into"/> (at least <see cref="LengthOf"/> long).</summary>
    public void Render(string host, double unixSeconds, Span<byte> into)
    {
        var body = _bodies[host];
        body.Template.CopyTo(into);
        var elapsed = Math.Max(0, unixSeconds - _schedule.StartUnix);
        var tokens = _schedule.TokensPerGpuAt(unixSeconds) * _gpusPerHost;
        Span<byte> energy = stackalloc byte[EnergyWidth];
        Span<byte> utilisation = stackalloc byte[UtilisationWidth];
        Span<byte> prompt = stackalloc byte[TokensWidth];
        Span<byte> generation = stackalloc byte[TokensWidth];
        Padded(Math.Floor(PowerW * 1000 * elapsed), "F0", energy);
        Padded(_schedule.RateAt(unixSeconds) == _schedule.HighPerGpu ? 95 : 60, "F0", utilisation);
        Padded(tokens * (1 - OutputShare), "F1", prompt);
        Padded(tokens * OutputShare, "F1", generation);
        foreach (var (offset, slot) in body.Slots)
        {
            var value = slot switch
            {
                Slot.Energy => energy,
                Slot.Utilisation => utilisation,
                Slot.Prompt => prompt,
                _ => generation,
            };
            value.CopyTo(into[offset..]);
        }
    }

    /// <summary>Writes <paramref name="value"/> right-aligned in <paramref name="into"/>, zeros before it.</summary>
    private static void Padded(double value, string format, Span<byte> into)
    {
        if (!value.TryFormat(into, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{value} does not fit in {into.Length} characters");
        }

        into[..written].CopyTo(into[(into.Length - written)..]);
        into[..(into.Length - written)].Fill((byte)'0');
    }

    private static void Series(BodyWriter body, string name, string type, string help, string[] labels, Action<BodyWriter> value)
    {
        body.Text($"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var label in labels)
        {
            body.Text($"{name}{{{label}}} ");
            value(body);
            body.Text("\n");
        }
    }

    private enum Slot
    {
        Energy,
        Utilisation,
        Prompt,
        Generation,
    }

    private sealed record HostBody(byte[] Template, (int Offset, Slot Slot)[] Slots);

    private sealed class BodyWriter
    {
        private readonly List<byte> _bytes = [];
        private readonly List<(int, Slot)> _slots = [];

        public BodyWriter Text(string text)
        {
            _bytes.AddRange(Encoding.UTF8.GetBytes(text));
            return this;
        }

        public BodyWriter Slot(Slot slot, int width)
        {
            _slots.Add((_bytes.Count, slot));
            _bytes.AddRange(Enumerable.Repeat((byte)'0', width));
            return this;
        }

        public HostBody Build() => new([.. _bytes], [.. _slots]);
    }
}
