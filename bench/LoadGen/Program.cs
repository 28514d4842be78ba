using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Bench;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.LoadGen;

// Drive a running twin over loopback HTTP: register N GPUs as live GB300 racks, send one sample per GPU per second
// (or per --interval-ms) through the native ingest API for --duration seconds, and measure what the twin accepts,
// how fast it answers, how fresh the facility KPI is, and what that costs the silo and gateway processes. Every
// loop is bounded by time.
var options = LoadOptions.Parse(args);
if (options.WriteFacility is { } path)
{
    // Registering racks one POST at a time rewrites the facility's list each time: at a gigawatt, declare them instead.
    var spec = GigawattFacility.Build("loadgen", options.Racks, 500, GigawattFacility.Load("constant"), live: true);
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(spec, FacilityJson.Options));
    Console.WriteLine($"Wrote {path}: {options.Racks:N0} live GB300 racks ({options.Racks * LoadOptions.GpusPerRack:N0} GPUs) in {spec.Halls.Count} halls");
    return 0;
}

// The racks a twin is declared with are known without asking it, as its exporters know who they are.
var rackIds = options.FacilityFile is { } declaredIn ? await DeclaredRacks(declaredIn, options.Racks) : null;
ITelemetrySource? telemetry = null;
if (options.LaunchFile is { } launchFile)
{
    // Ready before the twin is launched, as running exporters are: the first bodies written (and thrown away) compile
    // the generator's own code now rather than on the twin's cores in its first seconds. They advance the counters by
    // a few seconds, which a cumulative counter's rate does not see.
    telemetry = Source(options, rackIds!);
    var past = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / options.IntervalMs - 3;
    for (var warm = 0; warm < 3; warm++)
    {
        telemetry.Interval((past + warm) * options.IntervalMs, options.IntervalMs / 1000.0);
    }

    options = await TwinLaunch.ReadyThenWait(options, launchFile);
}

var siloPid = options.SiloPid ?? ProcStat.Find("TokenFactoryTwin.Silo");
var gatewayPid = options.GatewayPid ?? ProcStat.Find("TokenFactoryTwin.Gateway");
var loadAtStart = StartupProbe.LoadAverage();
using var twin = new TwinHttp(options);
var startup = new StartupProbe(options, siloPid, gatewayPid);
using var timeline = new StartupTimeline(options.Timeline, startup.LaunchedAt);
using var stopWatching = new CancellationTokenSource();
var watch = new FacilityWatch(twin, startup, timeline);
// Watching from the start: with --facility-file the twin may still be starting, and its first complete KPI is timed.
var watching = watch.Run(stopWatching.Token);

if (rackIds is null)
{
    var topology = await twin.Get("/api/topology");
    rackIds = options.Declared
        ? topology.GetProperty("racks").EnumerateArray()
            .Where(r => r.GetProperty("source").GetProperty("kind").GetString() == "live")
            .Select(r => r.GetProperty("id").GetString()!).Take(options.Racks).ToList()
        : Enumerable.Range(0, options.Racks).Select(i => $"{options.Prefix}-{i:d5}").ToList();
    if (!options.Declared)
    {
        var hall = options.Hall ?? topology.GetProperty("halls").EnumerateArray()
            .First(h => h.GetProperty("cooling").GetString() == "liquid").GetProperty("id").GetString()!;
        var nodes = topology.GetProperty("powerNodes").EnumerateArray().ToList();
        var upstreams = nodes.Select(n => n.TryGetProperty("upstream", out var u) ? u.GetString() : null).Where(u => u is not null).ToHashSet();
        string Leaf(string side) => nodes.First(n => n.GetProperty("side").GetString() == side && !upstreams.Contains(n.GetProperty("id").GetString())
            && n.TryGetProperty("upstream", out var u) && u.ValueKind == JsonValueKind.String).GetProperty("id").GetString()!;
        var powerA = options.PowerA ?? Leaf("A");
        var powerB = options.PowerB ?? Leaf("B");
        Console.WriteLine($"Registering {options.Racks:N0} live racks in {hall} on {powerA}/{powerB}");
        var registering = Stopwatch.StartNew();
        await Parallel.ForEachAsync(rackIds.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (rack, _) => await twin.Register(rack.id, hall, 1000 + rack.i / 20, rack.i % 20 + 1, powerA, powerB));
        Console.WriteLine($"Registered in {registering.Elapsed.TotalSeconds:F1} s");
    }
}

if (rackIds.Count < options.Racks)
{
    Console.Error.WriteLine($"The twin declares {rackIds.Count} live racks; {options.Racks} are needed for {options.Gpus:N0} GPUs.");
    return 1;
}

Console.WriteLine($"Twin at {options.Url}: silo pid {siloPid?.ToString() ?? "?"}, gateway pid {gatewayPid?.ToString() ?? "?"}; " +
    $"{(options.Declared ? "feeding" : "registered")} {options.Racks:N0} live racks ({options.Gpus:N0} GPUs)");
Console.WriteLine($"Sending {options.Gpus:N0} samples every {options.IntervalMs} ms as {options.Form} in batches of {options.BatchSamples:N0}, {options.Concurrency} at a time");

// Measure only once the generator keeps time: a cold gateway (JIT, first activations) puts it seconds behind. Until
// then it skips the intervals it missed; once measuring, every interval is sent and a late one is counted as behind.
// Warm-up starts with the first interval the twin accepted whole (at once, unless it is still starting).
const int MinWarmupSeconds = 5, MaxWarmupSeconds = 60, OnTimeSecondsToStart = 3, MaxStartSeconds = 600;
telemetry ??= Source(options, rackIds);
var latencies = new ConcurrentBag<double>();
var secondsSending = new List<double>();
long sent = 0, accepted = 0, rejected = 0;
int requests = 0, failed = 0, behind = 0;
// Time goes in intervals of --interval-ms (a second by default), numbered from the Unix epoch; samples are stamped
// at their interval's end.
var perSecond = options.IntervalsPerSecond;
var interval = TimeSpan.FromMilliseconds(options.IntervalMs);
var first = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1) * perSecond;
long? measureFrom = null;
long? warmFrom = null;
var lastWhole = options.FacilityFile is null; // else the twin may not be up yet
var last = long.MaxValue;
var onTime = 0;
double? siloCpu0 = null, gatewayCpu0 = null;
var window = new Stopwatch();
for (var tick = first; tick <= last; tick++)
{
    var due = DateTimeOffset.FromUnixTimeMilliseconds(tick * options.IntervalMs).AddMilliseconds(20);
    var wait = due - DateTimeOffset.UtcNow;
    if (measureFrom is null && wait < -interval)
    {
        // Behind before measuring (the twin is starting, or still cold): send the current interval, as exporters do,
        // rather than the ones missed. Sent in order, a backlog would reach the twin seconds old, and the twin rightly
        // counts a GPU whose newest sample is older than its stale period as not reporting.
        tick = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / options.IntervalMs;
        due = DateTimeOffset.FromUnixTimeMilliseconds(tick * options.IntervalMs).AddMilliseconds(20);
        wait = due - DateTimeOffset.UtcNow;
    }

    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait);
    }
    else if (wait < -interval && measureFrom is not null)
    {
        // The previous interval's batches took more than an interval to send: the generator (or the twin) is saturated.
        behind++;
    }

    if (warmFrom is null)
    {
        if (lastWhole)
        {
            warmFrom = tick;
        }
        else if (tick - first >= MaxStartSeconds * perSecond || ProcStat.CpuSeconds(siloPid) is null || ProcStat.CpuSeconds(gatewayPid) is null)
        {
            Console.Error.WriteLine($"The twin did not accept a whole interval within {(tick - first) / perSecond} s, or its silo or gateway exited.");
            return 1;
        }
    }

    if (measureFrom is null && warmFrom is { } warmingSince)
    {
        onTime = wait >= TimeSpan.Zero && lastWhole ? onTime + 1 : 0;
        if ((tick - warmingSince >= MinWarmupSeconds * perSecond && onTime >= OnTimeSecondsToStart * perSecond) || tick - warmingSince >= MaxWarmupSeconds * perSecond)
        {
            // Measuring starts on a whole second, so the window holds whole seconds.
            measureFrom = (tick + perSecond - 1) / perSecond * perSecond;
            last = measureFrom.Value + options.DurationSeconds * perSecond - 1;
        }
    }

    var measuring = measureFrom is not null && tick >= measureFrom;
    if (tick == measureFrom)
    {
        siloCpu0 = ProcStat.CpuSeconds(siloPid);
        gatewayCpu0 = ProcStat.CpuSeconds(gatewayPid);
        window.Start();
    }

    var sending = Stopwatch.StartNew();
    var batches = telemetry.Interval(tick * options.IntervalMs, options.IntervalMs / 1000.0);
    long intervalAccepted = 0;
    var intervalFailed = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (b, _) =>
    {
        var (ok, refused, latency) = await twin.Send(batches[b], telemetry.GpusIn(b));
        Interlocked.Add(ref intervalAccepted, ok);
        if (double.IsNaN(latency))
        {
            Interlocked.Increment(ref intervalFailed);
        }

        if (!measuring)
        {
            return;
        }

        Interlocked.Increment(ref requests);
        if (double.IsNaN(latency))
        {
            Interlocked.Increment(ref failed);
            return;
        }

        latencies.Add(latency);
        Interlocked.Add(ref accepted, ok);
        Interlocked.Add(ref rejected, refused);
    });
    lastWhole = intervalAccepted >= options.Gpus;
    timeline.Interval(tick, sending.Elapsed.TotalMilliseconds, intervalAccepted, intervalFailed);
    if (measuring)
    {
        sent += options.Gpus;
        secondsSending.Add(sending.Elapsed.TotalMilliseconds);
    }
}

// The window ends when the last interval's samples are in, or an interval later had they been on time.
var windowSeconds = Math.Max(window.Elapsed.TotalSeconds, options.DurationSeconds);
var siloCpu = ProcStat.CpuSeconds(siloPid) - siloCpu0;
var gatewayCpu = ProcStat.CpuSeconds(gatewayPid) - gatewayCpu0;
var siloRss = ProcStat.RssBytes(siloPid);
var gatewayRss = ProcStat.RssBytes(gatewayPid);
// The last step needs its period to show in the KPI.
var watchFor = DateTimeOffset.FromUnixTimeMilliseconds(last * options.IntervalMs).AddSeconds(options.StepSeconds + 2) - DateTimeOffset.UtcNow;
stopWatching.CancelAfter(watchFor > TimeSpan.Zero ? watchFor : TimeSpan.Zero);
await watching;

// A step's first sample is the first interval of the second whose rate differs from the one before.
var steps = Enumerable.Range(0, options.DurationSeconds).Select(i => measureFrom!.Value / perSecond + i)
    .Where(s => telemetry.RateAt(s) != telemetry.RateAt(s - 1))
    .Select(s => (DateTimeOffset.FromUnixTimeMilliseconds((s - 1) * 1000 + options.IntervalMs), options.Gpus * (telemetry.RateAt(s) - telemetry.RateAt(s - 1))));
var (freshness, missed) = watch.Freshness(steps, TimeSpan.FromSeconds(options.StepSeconds));

Console.WriteLine(options.Declared ? "Done" : $"Removing the {options.Racks:N0} racks again");
await Parallel.ForEachAsync(rackIds.Where(_ => !options.Declared), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) => await twin.Remove(id));

var cpuTotal = (siloCpu ?? 0) + (gatewayCpu ?? 0);
var report = new LoadReport(
    options.Gpus, options.Racks, options.DurationSeconds, (int)((measureFrom!.Value - warmFrom!.Value) / perSecond), options.Form, options.BatchSamples, options.Concurrency,
    Math.Round(accepted / windowSeconds), sent, accepted, rejected, requests, failed, behind,
    Math.Round(Percentiles.Of(latencies.ToList(), 50), 1), Math.Round(Percentiles.Of(latencies.ToList(), 99), 1),
    Math.Round(Percentiles.Of(secondsSending, 50)), Math.Round(secondsSending.DefaultIfEmpty(double.NaN).Max()),
    Math.Round(Percentiles.Of(freshness, 50)), Math.Round(Percentiles.Of(freshness, 99)), freshness.Count + missed, missed,
    accepted > 0 && siloCpu is not null ? Math.Round(cpuTotal / (accepted / 1e6), 2) : double.NaN,
    siloCpu is { } s ? Math.Round(s / windowSeconds, 3) : double.NaN,
    gatewayCpu is { } g ? Math.Round(g / windowSeconds, 3) : double.NaN,
    Math.Round((siloRss ?? 0) / 1e6, 1), Math.Round((gatewayRss ?? 0) / 1e6, 1),
    siloRss is { } after ? Math.Round(after / (double)options.Gpus, 1) : double.NaN,
    options.IntervalMs,
    Seconds(startup.TwinUpSeconds), Seconds(startup.FirstCompleteKpiSeconds),
    Seconds(startup.SiloCpuSeconds), Seconds(startup.GatewayCpuSeconds), loadAtStart);
Console.WriteLine($"{report.SamplesPerSecond:N0} samples/s accepted; latency p50/p99 {report.LatencyP50Ms}/{report.LatencyP99Ms} ms; " +
    $"freshness p50/p99 {report.FreshnessP50Ms}/{report.FreshnessP99Ms} ms; {report.CpuSecondsPerMillionSamples} CPU-s per million samples");
static string Figure(double? value) => value.HasValue ? value.Value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "?";
Console.WriteLine(startup.Complete
    ? $"Startup: silo's startup line after {Figure(startup.TwinUpSeconds)} s, first complete facility KPI after {Figure(startup.FirstCompleteKpiSeconds)} s " +
      $"(silo {Figure(startup.SiloCpuSeconds)} CPU-s, gateway {Figure(startup.GatewayCpuSeconds)} CPU-s until then; load average {Figure(loadAtStart)})"
    : "Startup: no complete facility KPI was seen during the run");
Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
return 0;

static double? Seconds(double? value) => value.HasValue ? Math.Round(value.Value, 2) : null;

static ITelemetrySource Source(LoadOptions options, List<string> rackIds) =>
    options.Form is "samples" or "racks" ? new SyntheticTelemetry(options, rackIds) : new ExporterTelemetry(options, rackIds);

static async Task<List<string>> DeclaredRacks(string facilityFile, int racks)
{
    var declared = JsonSerializer.Deserialize<FacilitySpec>(await File.ReadAllTextAsync(facilityFile), FacilityJson.Options)
        ?? throw new ArgumentException($"{facilityFile} is not a facility file");
    return declared.Racks.Where(r => r.Source.Kind == TelemetrySourceKinds.Live).Select(r => r.Id).Take(racks).ToList();
}
