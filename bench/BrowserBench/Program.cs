using System.Globalization;
using TokenFactoryTwin.BrowserBench;

// Browser benchmark of the live view at gigawatt scale. See docs/benchmarks.md ("Live view").
//   dotnet run -c Release --project bench/BrowserBench -- [--racks 7400] [--seconds 30] [--loads 5] [--screenshot path]
var racks = Option("--racks", 7400);
var seconds = Option("--seconds", 30);
var loads = Option("--loads", 5);
var screenshot = args.SkipWhile(a => a != "--screenshot").Skip(1).FirstOrDefault();
var chromium = args.SkipWhile(a => a != "--chromium").Skip(1).FirstOrDefault() ?? "/usr/bin/chromium";
var webRoot = FindWebRoot();

var facility = new SyntheticFacility(racks);
await using var server = new BenchServer(facility, webRoot);
await server.StartAsync();
Console.WriteLine($"Serving {facility.Racks:N0} synthetic GB300 NVL72 racks at {server.Url} ({Environment.ProcessorCount} cores)");

await using var browser = await BrowserProbe.Launch(chromium);
var loadTimes = new List<(double Dcl, double First)>();
for (var i = 0; i < loads; i++)
{
    loadTimes.Add(await browser.MeasureLoad(server.Url));
}

var updates = await browser.MeasureUpdates(server.Url, TimeSpan.FromSeconds(seconds), screenshot);

double[] publish;
double[] bytes;
int layoutBytes;
lock (server.PublishMs)
{
    publish = [.. server.PublishMs.Skip(2)];
    bytes = [.. server.FrameBytes.Select(b => (double)b)];
    layoutBytes = server.LayoutBytes;
}

var c = CultureInfo.InvariantCulture;
Console.WriteLine();
Console.WriteLine($"| Live view, {facility.Racks:N0} racks | median | p95 |");
Console.WriteLine("|---|---|---|");
Console.WriteLine(string.Format(c, "| Page load to DOMContentLoaded (ms, {0} loads) | {1:0} | {2:0} |", loads, Stats.Median(loadTimes.Select(l => l.Dcl)), Stats.Percentile(loadTimes.Select(l => l.Dcl), 0.95)));
Console.WriteLine(string.Format(c, "| Page load to first frame drawn (ms) | {0:0} | {1:0} |", Stats.Median(loadTimes.Select(l => l.First)), Stats.Percentile(loadTimes.Select(l => l.First), 0.95)));
Console.WriteLine(string.Format(c, "| Frame handler: parse + redraw (ms, {0} frames) | {1:0.0} | {2:0.0} |", updates.Frames, Stats.Median(updates.FrameHandlerMs), Stats.Percentile(updates.FrameHandlerMs, 0.95)));
Console.WriteLine(string.Format(c, "| CDP ScriptDuration per frame (ms, window mean) | {0:0.0} | |", updates.ScriptMsPerFrame));
Console.WriteLine(string.Format(c, "| CDP TaskDuration per frame (ms, window mean) | {0:0.0} | |", updates.TaskMsPerFrame));
Console.WriteLine(string.Format(c, "| Gateway: build frame + alarms (ms, {0} frames) | {1:0.0} | {2:0.0} |", publish.Length, Stats.Median(publish), Stats.Percentile(publish, 0.95)));
Console.WriteLine(string.Format(c, "| Frame size (KB) | {0:0} | |", Stats.Median(bytes) / 1024));
Console.WriteLine(string.Format(c, "| Layout size, sent once (KB) | {0:0} | |", layoutBytes / 1024.0));
Console.WriteLine(string.Format(c, "| JS heap after the window (MB) | {0:0} | |", updates.HeapMb));
Console.WriteLine("Per part of the page, mean ms per frame: " +
    string.Join(", ", updates.SectionMsPerFrame.OrderByDescending(kv => kv.Value).Select(kv => string.Format(c, "{0} {1:0.0}", kv.Key, kv.Value))));
if (screenshot is not null)
{
    Console.WriteLine($"Screenshot: {Path.GetFullPath(screenshot)}");
}

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v && int.TryParse(v, out var n) ? n : fallback;

static string FindWebRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "src", "Gateway", "wwwroot");
        if (File.Exists(Path.Combine(dir.FullName, "TokenFactoryTwin.sln")) && Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new DirectoryNotFoundException("Run the benchmark from inside the repository: src/Gateway/wwwroot was not found above " + AppContext.BaseDirectory);
}
