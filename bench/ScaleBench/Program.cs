using System.Runtime;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Bench;
using TokenFactoryTwin.ScaleBench;

// Twin a facility of N simulated GB300 NVL72 racks with the real grains in this process, let it settle, then
// measure for --duration seconds whether the facility KPI keeps up and what it costs in CPU and memory.
var options = ScaleOptions.Parse(args);
var facility = GigawattFacility.Build("scale", options.Racks, options.RacksPerHall, GigawattFacility.Load(options.Load));
var problems = FacilityValidator.Validate(facility, CatalogLoader.BuiltIn);
if (problems.Count > 0)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, problems.Take(10)));
    return 1;
}

var gpus = options.Racks * 72;
var timing = new TwinTiming(TimeSpan.FromMilliseconds(options.FlushPeriodMs));
var sqliteDirectory = options.Store == "sqlite" ? Path.Combine(Path.GetTempPath(), "tft-scale", Guid.NewGuid().ToString("N")) : null;
using var host = InProcessSilo.Build(sqliteDirectory);
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var baselineHeap = ProcessMeter.LiveHeapBytes();

Console.WriteLine($"Twinning {options.Racks:N0} racks ({gpus:N0} GPUs) in {facility.Halls.Count} halls, {facility.PowerNodes.Count} power nodes; " +
    $"flush {options.FlushPeriodMs} ms; GC {(GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} cores");
var startup = new ProcessMeter();
await grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(facility.Id)).Start(facility, timing);
var probe = new LagProbe(grains, facility);
var complete = await probe.WaitUntilComplete(gpus, TimeSpan.FromSeconds(120));
var startupSeconds = startup.WallSeconds;
Console.WriteLine($"Configured in {startupSeconds:F1} s ({(complete ? "every GPU reporting" : "NOT every GPU reporting after 120 s")}); warming up {options.WarmupSeconds} s");
await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));

// The sampler costs CPU of its own: a profiled run's CPU figure is not the one to quote.
using var sampler = options.AllocationProfile ? new AllocationSampler() : null;
sampler?.Start();
using var historyWrites = new HistoryWriteCounter();
using var messages = new LocalMessageCounter();
var messagesBefore = messages.Count;
var meter = new ProcessMeter();
await probe.Run(TimeSpan.FromSeconds(options.DurationSeconds), TimeSpan.FromMilliseconds(200), gpus);
var wall = meter.WallSeconds;
var historyWritesPerSecond = historyWrites.Count / wall;
var messagesSent = messages.Count - messagesBefore;
sampler?.Stop();
foreach (var (type, share) in sampler?.Top(15) ?? [])
{
    Console.WriteLine($"  {share,6:P1}  {type}");
}

var cpu = meter.CpuSeconds;
var allocated = meter.AllocatedMegabytes;
var (gen0, gen1, gen2) = meter.Collections;
var pause = meter.GcPauseSeconds;
var kpis = await grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(facility.Id)).GetKpis();
var workingSet = ProcessMeter.WorkingSetBytes();
var liveHeap = ProcessMeter.LiveHeapBytes();

var lagP99 = Percentiles.Of(probe.FacilityLagMs.ToList(), 99);
var rackP99 = Percentiles.Of(probe.RackAgeMs.ToList(), 99);
var report = new ScaleReport(
    options.Racks, gpus, facility.Halls.Count, facility.PowerNodes.Count, options.Load, options.DurationSeconds, Math.Round(startupSeconds, 1),
    KeepsUp: complete && probe.Incomplete == 0 && lagP99 <= 2 * options.FlushPeriodMs && rackP99 <= 2 * options.FlushPeriodMs,
    Math.Round(Percentiles.Of(probe.FacilityLagMs.ToList(), 50)), Math.Round(lagP99),
    Math.Round(Percentiles.Of(probe.KpiAgeMs.ToList(), 99)),
    Math.Round(Percentiles.Of(probe.RackAgeMs.ToList(), 50)), Math.Round(rackP99),
    probe.Incomplete, probe.Reads,
    Math.Round(cpu / wall, 3), Math.Round(allocated / wall, 1), gen0, gen1, gen2, Math.Round(pause * 1000 / wall, 2),
    Math.Round(baselineHeap / 1e6, 1), Math.Round(liveHeap / 1e6, 1), Math.Round(workingSet / 1e6, 1),
    Math.Round((liveHeap - baselineHeap) / (double)gpus, 1),
    Math.Round(kpis.TokensPerSecond), Math.Round(kpis.FacilityPowerKw / 1000, 1),
    GCSettings.IsServerGC ? "server" : "workstation",
    Math.Round(Percentiles.Of(probe.PowerAgeMs.ToList(), 50)), Math.Round(Percentiles.Of(probe.PowerAgeMs.ToList(), 99)),
    Math.Round(Percentiles.Of(probe.BuswayAgeMs.ToList(), 99)),
    Math.Round(Percentiles.Of(probe.SampleAgeMs.ToList(), 50)), Math.Round(Percentiles.Of(probe.SampleAgeMs.ToList(), 99)),
    Math.Round(Percentiles.Of(probe.PublishAgeMs.ToList(), 99)), Math.Round(Percentiles.Of(probe.ReadAgeMs.ToList(), 99)),
    Math.Round(Percentiles.Of(probe.Stages.Rack.ToList(), 50)), Math.Round(Percentiles.Of(probe.Stages.Rack.ToList(), 99)),
    Math.Round(Percentiles.Of(probe.Stages.Hall.ToList(), 50)), Math.Round(Percentiles.Of(probe.Stages.Hall.ToList(), 99)),
    Math.Round(Percentiles.Of(probe.Stages.Facility.ToList(), 50)), Math.Round(Percentiles.Of(probe.Stages.Facility.ToList(), 99)),
    Math.Round(Percentiles.Of(probe.Stages.Read.ToList(), 50)), Math.Round(Percentiles.Of(probe.Stages.Read.ToList(), 99)),
    options.Store, Math.Round(historyWritesPerSecond, 1),
    Math.Round(messagesSent / wall), messagesSent > 0 ? Math.Round(cpu * 1e6 / messagesSent, 2) : double.NaN);

Console.WriteLine($"KPI sample age p50/p99 {report.SampleAgeP50Ms}/{report.SampleAgeP99Ms} ms (at publish p99 {report.PublishAgeP99Ms}, at read p99 {report.ReadAgeP99Ms}), " +
    $"facility lag p50/p99 {report.FacilityLagP50Ms}/{report.FacilityLagP99Ms} ms, rack age p99 {report.RackAgeP99Ms} ms, " +
    $"power age p50/p99 {report.PowerAgeP50Ms}/{report.PowerAgeP99Ms} ms (busways p99 {report.BuswayAgeP99Ms}), " +
    $"{report.CpuSecondsPerSecond:F3} CPU-s/s ({report.CpuMsPerThousandMessages} CPU-ms per 1,000 of {report.LocalMessagesPerSecond} messages/s), {report.HistoryWritesPerSecond} history writes/s ({options.Store}), {report.AllocatedMBPerSecond} MB/s allocated, heap {report.LiveHeapMB} MB, working set {report.WorkingSetMB} MB");
Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }));
InProcessSilo.Stopping();
await host.StopAsync();
if (sqliteDirectory is not null)
{
    Directory.Delete(sqliteDirectory, recursive: true);
}

return 0;
