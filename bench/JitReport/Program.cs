using Microsoft.Diagnostics.Tracing;
using TokenFactoryTwin.JitReport;

// What a process JIT-compiled while it started, from a recording of the runtime's JIT events at verbose level, e.g.
// a start timed by bench/LoadGen/run.sh with
//   TWIN_ENV="DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath=/tmp/jit-{pid}.nettrace DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x19:5"
//   dotnet run -c Release --project bench/JitReport -- /tmp/jit-<pid>.nettrace [--until 28] [--top 30]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: JitReport <trace.nettrace> [--until SECONDS] [--top N]");
    return 2;
}

var until = Option(args, "--until", double.MaxValue);
var top = (int)Option(args, "--top", 30);
using var source = new EventPipeEventSource(args[0]);
var tally = new JitTally(until);
source.Clr.MethodLoadVerbose += tally.Add;
source.Process();
tally.Print(Console.Out, top);
return 0;

static double Option(string[] args, string name, double fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && double.TryParse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
