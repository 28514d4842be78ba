using System.Collections.Concurrent;
using System.Reflection;
using Orleans.Concurrency;

namespace TokenFactoryTwin.Silo.Hosting;

/// <summary>
/// Drops grains' one-way reports (a rack's snapshot to its hall, a hall's to the facility, …) once the silo has begun
/// to stop. Their timers keep firing while Orleans deactivates grains one batch at a time, and a report to a grain
/// already deactivated could not be placed on a stopping silo: Orleans logged each as a failure, so every clean stop
/// looked like a crash in the logs. Nothing is lost: a report only carries the latest figures, and the next start
/// (or the silo that takes the grains over) recomputes them from fresh reports.
/// </summary>
public sealed class QuietStopCallFilter(SiloStopping silo) : IOutgoingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> OneWay = new();

    public Task Invoke(IOutgoingGrainCallContext context) =>
        silo.IsStopping && IsOneWay(context.InterfaceMethod) ? Task.CompletedTask : context.Invoke();

    private static bool IsOneWay(MethodInfo? method) =>
        method is not null && OneWay.GetOrAdd(method, m => m.GetCustomAttribute<OneWayAttribute>() is not null);
}
