using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Gateway.Hosting;

namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>
/// Finds the facility this gateway serves: <c>Twin:FacilityId</c> when set, else the first facility the cluster
/// twins (asked once of the directory grain, then remembered).
/// </summary>
public sealed class TwinLocator(IClusterClient client, ClusterConnection connection, IConfiguration configuration, TimeProvider time)
{
    /// <summary>How often a gateway asks whether its starting facility runs yet: a small call, a fraction of a frame late at most.</summary>
    private static readonly TimeSpan AskRunningEvery = TimeSpan.FromMilliseconds(200);

    private string? _facilityId = configuration["Twin:FacilityId"] is { Length: > 0 } id ? id : null;
    private readonly Lock _runningGate = new();
    private volatile bool _running;
    private Task<bool>? _askingRunning;
    private long _askRunningAfter;

    public IClusterClient Client => client;

    /// <returns>The facility id, or null while the gateway has not reached the cluster or the cluster has not registered one yet.</returns>
    public async Task<string?> FacilityId()
    {
        if (!connection.IsConnected)
        {
            return null;
        }

        if (_facilityId is not null)
        {
            return _facilityId;
        }

        var facilities = await client.Reference<ITwinDirectoryGrain>(ITwinDirectoryGrain.Key).GetFacilities();
        return _facilityId = facilities.Count > 0 ? facilities[0] : null;
    }

    /// <summary>
    /// Whether the facility runs (<see cref="IFacilityTopologyGrain.IsRunning"/>), for telemetry to be held back with
    /// 503 until it does. Asked at most every <see cref="AskRunningEvery"/> while it does not, and never again once it
    /// does: a running facility's restart configures only what changed, and takes telemetry meanwhile. Requests that
    /// come while the question is out wait for its answer, so the interval that finds the facility running is taken whole.
    /// </summary>
    public async Task<bool> FacilityRunning()
    {
        if (_running)
        {
            return true;
        }

        if (await FacilityId() is not { } id)
        {
            return false;
        }

        Task<bool> ask;
        lock (_runningGate)
        {
            if (_askingRunning is null)
            {
                if (time.GetTimestamp() < _askRunningAfter)
                {
                    return false;
                }

                _askingRunning = AskRunning(id);
            }

            ask = _askingRunning;
        }

        return await ask;
    }

    private async Task<bool> AskRunning(string id)
    {
        // Asynchronous from the first step, so the caller has stored this task before its end clears it.
        await Task.Yield();
        try
        {
            return _running = await client.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(id)).IsRunning();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Held back only on a clear "not yet": a silo of an earlier version (a rolling upgrade) cannot answer, and a
            // cluster that cannot answer now fails the write itself with its own 503. Asked again next time.
            return true;
        }
        finally
        {
            lock (_runningGate)
            {
                _askRunningAfter = time.GetTimestamp() + (long)(AskRunningEvery.TotalSeconds * time.TimestampFrequency);
                _askingRunning = null;
            }
        }
    }

    /// <typeparam name="TFace">The face of the facility grain wanted: <see cref="IFacilityKpiGrain"/> or <see cref="IFacilityTopologyGrain"/>.</typeparam>
    /// <returns>That face of the facility's grain, or null while the cluster has not registered a facility yet.</returns>
    public async Task<TFace?> Facility<TFace>()
        where TFace : class, IGrainWithStringKey =>
        await FacilityId() is { } id ? client.Reference<TFace>(TwinKeys.Facility(id)) : null;
}
