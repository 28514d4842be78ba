using System.Globalization;
using TokenFactoryTwin.PromCompare;

// Serves the synthetic exporters of the hosts listed in --hosts (one hostname a line) at
// http://127.0.0.1:<port>/metrics/<host> until stopped. The token rate steps between --low and --high tokens/s per GPU
// every --step seconds from --start (Unix seconds): bench/PromCompare/compare.py knows the same schedule.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal) && p.i + 1 < args.Length)
    .ToDictionary(p => p.a[2..], p => args[p.i + 1], StringComparer.Ordinal);
string Need(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
double Number(string name) => double.Parse(Need(name), CultureInfo.InvariantCulture);

var schedule = new TokenSchedule(long.Parse(Need("start"), CultureInfo.InvariantCulture), Number("step"), Number("low"), Number("high"));
var farm = new ExporterFarm(File.ReadLines(Need("hosts")).Where(l => l.Length > 0), int.Parse(Need("gpus-per-host"), CultureInfo.InvariantCulture), schedule);

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls($"http://127.0.0.1:{Need("port")}");
var app = builder.Build();
app.MapGet("/metrics/{host}", (string host) =>
    farm.Render(host, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0) is { } body
        ? Results.Bytes(body, "text/plain; version=0.0.4; charset=utf-8")
        : Results.NotFound());
Console.WriteLine($"Serving {farm.Hosts:N0} hosts' exporters on 127.0.0.1:{Need("port")}");
await app.RunAsync();
