namespace TokenFactoryTwin.LoadGen;

/// <summary>
/// <c>--url U --gpus N --duration S [--batch B] [--concurrency C] [--step S] [--silo-pid P] [--gateway-pid P] [--key K]
/// [--hall H] [--power-a A] [--power-b B] [--prefix P] [--form samples|racks|prometheus|remote-write|otlp] [--declared]
/// [--write-facility PATH] [--interval-ms I] [--facility-file PATH] [--launched-at MS] [--launch-file PATH] [--silo-log PATH]
/// [--timeline PATH]</c>.
/// <c>--interval-ms</c> sends every GPU's sample that often (1000 by default; 500 is two samples per GPU per second)
/// and must divide a second into whole intervals.
/// <c>--form racks</c> sends each rack as one entry with a column per reading instead of one object per sample;
/// <c>prometheus</c>, <c>remote-write</c> and <c>otlp</c> send what dcgm-exporter's series look like in those formats
/// (<see cref="ExporterTelemetry"/>).
/// <c>--declared</c> feeds the live racks the twin's facility file declares instead of registering racks;
/// <c>--write-facility</c> writes such a file for <c>--gpus</c> GPUs and exits.
/// <c>--facility-file</c> (with <c>--declared</c>) takes the live racks from that file rather than the twin's topology,
/// so the generator can send from the moment the twin's processes are launched, as exporters that were already
/// running do; it then waits for the twin to accept whole intervals before its warm-up starts.
/// <c>--launched-at</c> (Unix milliseconds) is when the twin's processes were launched: startup is timed from it
/// (<see cref="StartupProbe"/>), and <c>--silo-log</c> names the silo's log, where its startup line is looked for.
/// <c>--launch-file</c> (with <c>--facility-file</c>) starts the generator before the twin: it gets ready and waits to
/// be told the launch and the twin's process ids (<see cref="TwinLaunch"/>).
/// <c>--timeline</c> writes what happened until the first complete KPI, one JSON line per interval sent and per
/// facility reading (<see cref="StartupTimeline"/>).
/// </summary>
public sealed record LoadOptions(
    Uri Url, int Gpus, int DurationSeconds, int BatchSamples, int Concurrency, int StepSeconds,
    int? SiloPid, int? GatewayPid, string? ApiKey, string? Hall, string? PowerA, string? PowerB, string Prefix,
    bool Declared, string? WriteFacility, string Form = "samples", int IntervalMs = 1000,
    string? FacilityFile = null, DateTimeOffset? LaunchedAt = null, string? SiloLog = null, string? Timeline = null,
    string? LaunchFile = null)
{
    public const int GpusPerRack = 72;

    public int Racks => (Gpus + GpusPerRack - 1) / GpusPerRack;

    public int IntervalsPerSecond => 1000 / IntervalMs;

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions(new Uri("http://127.0.0.1:5080"), 72_000, 60, 7_200, 4, 5, null, null, null, null, null, null, "lg", false, null);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--declared")
            {
                o = o with { Declared = true };
                i--;
                continue;
            }

            var v = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"option '{args[i]}' needs a value");
            o = args[i] switch
            {
                "--url" => o with { Url = new Uri(v) },
                "--gpus" => o with { Gpus = int.Parse(v) },
                "--duration" => o with { DurationSeconds = int.Parse(v) },
                "--batch" => o with { BatchSamples = int.Parse(v) },
                "--concurrency" => o with { Concurrency = int.Parse(v) },
                "--step" => o with { StepSeconds = int.Parse(v) },
                "--silo-pid" => o with { SiloPid = int.Parse(v) },
                "--gateway-pid" => o with { GatewayPid = int.Parse(v) },
                "--key" => o with { ApiKey = v },
                "--hall" => o with { Hall = v },
                "--power-a" => o with { PowerA = v },
                "--power-b" => o with { PowerB = v },
                "--prefix" => o with { Prefix = v },
                "--write-facility" => o with { WriteFacility = v },
                "--interval-ms" => o with { IntervalMs = int.Parse(v) },
                "--facility-file" => o with { FacilityFile = v },
                "--launched-at" => o with { LaunchedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(v)) },
                "--launch-file" => o with { LaunchFile = v },
                "--silo-log" => o with { SiloLog = v },
                "--timeline" => o with { Timeline = v },
                "--form" when v is "samples" or "racks" or "prometheus" or "remote-write" or "otlp" => o with { Form = v },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }

        if (!o.Url.IsLoopback)
        {
            throw new ArgumentException("--url must be a loopback address: the load generator drives a local twin only");
        }

        if (o.IntervalMs is < 100 or > 1000 || 1000 % o.IntervalMs != 0)
        {
            throw new ArgumentException("--interval-ms must divide a second into whole intervals, from 100 to 1000");
        }

        if (o.FacilityFile is not null && !o.Declared)
        {
            throw new ArgumentException("--facility-file names the declared racks to feed: it goes with --declared");
        }

        if (o.LaunchFile is not null && o.FacilityFile is null)
        {
            throw new ArgumentException("--launch-file starts the generator before the twin: it needs the racks from --facility-file");
        }

        return o.Gpus > 0 && o.DurationSeconds > 0 && o.BatchSamples > 0 && o.Concurrency > 0 && o.StepSeconds > 0
            ? o
            : throw new ArgumentException("--gpus, --duration, --batch, --concurrency and --step must be positive");
    }
}
