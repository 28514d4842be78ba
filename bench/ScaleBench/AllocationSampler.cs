using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace TokenFactoryTwin.ScaleBench;

/// <summary>
/// An allocation profile from inside the process: the runtime raises an <c>AllocationTick</c> event about every
/// 100 KB allocated, naming the type that crossed the line, so counts per type estimate where the bytes go.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEvent = 10;
    private const long GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();
    private volatile bool _on;

    public void Start() => _on = true;

    public void Stop() => _on = false;

    public IEnumerable<(string Type, double Share)> Top(int count)
    {
        var total = (double)Math.Max(1, _bytesByType.Values.Sum());
        return _bytesByType.OrderByDescending(kv => kv.Value).Take(count).Select(kv => (kv.Key, kv.Value / total));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventId != AllocationTickEvent || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a]) : 100_000;
        _bytesByType.AddOrUpdate(type, amount, (_, held) => held + amount);
    }
}
