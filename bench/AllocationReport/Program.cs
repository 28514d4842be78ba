using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using TokenFactoryTwin.AllocationReport;

// What a process allocated, from the GC's allocation ticks (one event per ~100 KB allocated, naming the type and, for
// the large object heap, marking it so) in a recording such as:
//   dotnet dotnet-trace collect -p <pid> --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration 00:00:00:15 -o alloc.nettrace
//   dotnet run -c Release --project bench/AllocationReport -- alloc.nettrace [--top 10] [--frames 8]
// Prints the bytes sampled per type, then per type and stack (runtime frames folded away), each heap apart.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: AllocationReport <trace.nettrace> [--top N] [--frames N]");
    return 2;
}

var top = Option(args, "--top", 10);
var frames = Option(args, "--frames", 8);
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var tally = new AllocationTally(frames);
// TraceEvents enumerates only as IEnumerable<TraceEvent> (its non-generic enumerator throws), so no OfType here.
foreach (var traceEvent in log.Events)
{
    if (traceEvent is GCAllocationTickTraceData e)
    {
        tally.Add(e);
    }
}

tally.Print(Console.Out, top);
return 0;

static int Option(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
}
