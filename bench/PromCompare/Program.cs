using System.Buffers;
using System.Globalization;
using TokenFactoryTwin.PromCompare;

// Serves the synthetic exporters of the hosts listed in --hosts (one hostname a line) at
// http://127.0.0.1:<port>/metrics/<host> until stopped. The token rate steps between --low and --high tokens/s per GPU
// every --step seconds from --start (Unix seconds): bench/PromCompare/compare.py knows the same schedule.
// GET /stats answers the scrapes served so far, so a run can tell how many scrapes a scraper really made.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal) && p.i + 1 < args.Length)
    .ToDictionary(p => p.a[2..], p => args[p.i + 1], StringComparer.Ordinal);
string Need(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
double Number(string name) => double.Parse(Need(name), CultureInfo.InvariantCulture);

var schedule = new TokenSchedule(long.Parse(Need("start"), CultureInfo.InvariantCulture), Number("step"), Number("low"), Number("high"));
var farm = new ExporterFarm(File.ReadLines(Need("hosts")).Where(l => l.Length > 0), int.Parse(Need("gpus-per-host"), CultureInfo.InvariantCulture), schedule);
long served = 0;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls($"http://127.0.0.1:{Need("port")}");
var app = builder.Build();

// One terminal middleware, no routing: the farm's CPU should go to answering scrapes, little else.
app.Run(async context =>
{
    var path = context.Request.Path.Value ?? "";
    if (path == "/stats")
    {
        await context.Response.WriteAsync(Interlocked.Read(ref served).ToString(CultureInfo.InvariantCulture));
        return;
    }

    const string Prefix = "/metrics/";
    var host = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : "";
    var length = farm.LengthOf(host);
    if (length < 0)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    var buffer = ArrayPool<byte>.Shared.Rent(length);
    try
    {
        farm.Render(host, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, buffer);
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        context.Response.ContentLength = length;
        await context.Response.Body.WriteAsync(buffer.AsMemory(0, length));
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }

    Interlocked.Increment(ref served);
});
Console.WriteLine($"Serving {farm.Hosts:N0} hosts' exporters on 127.0.0.1:{Need("port")}");
await app.RunAsync();
