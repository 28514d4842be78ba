using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Native;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// Sends packed telemetry into the twin, whatever format it came in: one grain call per rack or host batch
/// (<see cref="SampleDestination"/>), all in parallel, never one per sample; then folds the answers into one reply
/// with reasons that name the line, index, rack or host and GPU they concern. Scraped bodies' host batches go
/// together with those of other scrapes ending in the same short window (<see cref="HostBatches"/>). A host's GPUs'
/// Kubernetes labels ride its batch only when they changed (<see cref="WorkloadLabelsSent"/>).
/// </summary>
public sealed class TelemetryDispatcher(IClusterClient client, WorkloadLabelsSent labelsSent, HostBatches hostBatches)
{
    /// <summary>A mapped metric body (Prometheus text, OTLP): one call per host, plus the server tokens' owner.</summary>
    /// <param name="host">The host that owns server-level tokens (<c>?host=</c>, or an OTLP resource's <c>host.name</c>).</param>
    /// <param name="endpoint">A registered inference endpoint named by the request (<c>?endpoint=</c>): it owns server-level tokens.</param>
    /// <param name="gathered">Whether the host batches may wait a few milliseconds to go with other scrapes' (<see cref="HostBatches"/>).</param>
    public async Task<IngestReply> Dispatch(string facility, MappedTelemetry mapped, string? host, string? endpoint, bool gathered = false)
    {
        var problems = mapped.Issues.Select(i => new IngestProblem(i.Reason, Line: i.Line > 0 ? i.Line : null)).ToList();
        var rejected = mapped.Refused;
        var hosts = mapped.Hosts;
        var tokens = mapped.Tokens;
        SampleDestination? tokenOwner = null;
        Task<IngestResult>? endpointCall = null;
        if (tokens.Count > 0)
        {
            if (endpoint is not null)
            {
                endpointCall = client.Reference<IInferenceEndpointGrain>(TwinKeys.InferenceEndpoint(facility, endpoint)).Ingest(tokens);
            }
            else if (host is not null)
            {
                tokenOwner = hosts.FirstOrDefault(h => h.Key == host);
                if (tokenOwner is null)
                {
                    // A server scraped on its own (vLLM on a host whose dcgm-exporter is scraped apart): tokens alone.
                    tokenOwner = new SampleDestination(host, isRack: false, isGroup: true, capacity: 1);
                    hosts = [.. hosts, tokenOwner];
                }
            }
            else
            {
                rejected += tokens.Count;
                problems.Add(new IngestProblem("token counters carry no GPU or host: name their source with ?host=<hostname> or ?endpoint=<registered endpoint>"));
            }
        }

        var (accepted, refused) = await Send(facility, hosts, tokenOwner, tokens, problems, gathered && hostBatches.Enabled);
        rejected += refused;
        if (endpointCall is not null)
        {
            var result = await endpointCall;
            accepted += result.Accepted;
            rejected += result.Rejected;
            problems.AddRange(result.Errors.Select(e => new IngestProblem($"endpoint '{endpoint}': {e.Reason}")));
        }

        return new IngestReply(accepted, rejected, Cap(problems), mapped.Ignored, mapped.LabelsDropped > 0 ? mapped.LabelsDropped : null);
    }

    /// <summary>A native batch: one call per rack or host it addresses; replies refer to samples by their index in the request.</summary>
    public async Task<IngestReply> Dispatch(string facility, NativeBatchContent content)
    {
        var problems = content.Refused.Select(r => new IngestProblem(r.Reason, Index: r.Index, Rack: r.Rack, Host: r.Host, Gpu: r.Gpu)).ToList();
        var (accepted, rejected) = await Send(facility, content.Destinations, null, [], problems, gathered: false);

        // Samples by their index first, then groups' GPUs by rack or host and position.
        problems.Sort((a, b) => (a.Rack ?? a.Host ?? "", a.Index ?? 0, a.Gpu ?? 0).CompareTo((b.Rack ?? b.Host ?? "", b.Index ?? 0, b.Gpu ?? 0)));
        return new IngestReply(accepted, rejected + content.RefusedSamples, Cap(problems));
    }

    /// <summary>One call per destination, all in parallel; the tokens ride with their owner's batch, after its samples.</summary>
    private async Task<(int Accepted, int Rejected)> Send(
        string facility, IReadOnlyList<SampleDestination> destinations, SampleDestination? tokenOwner, IReadOnlyList<ServerTokens> tokens, List<IngestProblem> problems,
        bool gathered)
    {
        var calls = new Task<IngestResult>[destinations.Count];
        for (var d = 0; d < destinations.Count; d++)
        {
            var destination = destinations[d];
            var samples = destination.Samples.Build();
            var hostTokens = destination == tokenOwner ? tokens : [];
            calls[d] = destination.IsRack
                ? client.Reference<IRackGrain>(TwinKeys.Rack(facility, destination.Key)).Ingest(samples)
                : gathered
                    ? hostBatches.Ingest(facility, new HostBatch(destination.Key, samples, hostTokens, labelsSent.ToSend(facility, destination.Key, destination.Workloads)))
                    : client.Reference<IHostGrain>(TwinKeys.Host(facility, destination.Key)).Ingest(samples, hostTokens, labelsSent.ToSend(facility, destination.Key, destination.Workloads));
        }

        IngestResult[] results;
        try
        {
            results = await Task.WhenAll(calls);
        }
        catch
        {
            foreach (var destination in destinations.Where(d => d.Workloads is not null))
            {
                labelsSent.Forget(facility, destination.Key);
            }

            throw;
        }

        var (accepted, rejected) = (0, 0);
        for (var d = 0; d < destinations.Count; d++)
        {
            var destination = destinations[d];
            accepted += results[d].Accepted;
            rejected += results[d].Rejected;
            var count = destination.Samples.Count + (destination == tokenOwner ? tokens.Count : 0);
            foreach (var (index, reason) in Spread(results[d], count))
            {
                problems.Add(ProblemAt(destination, index, reason));
            }
        }

        return (accepted, rejected);
    }

    /// <summary>A refused sample by where it came from; an index past the samples is one of the server tokens.</summary>
    private static IngestProblem ProblemAt(SampleDestination destination, int index, string reason)
    {
        var indices = destination.Indices;
        int? from = index < indices.Length ? indices[index] : null;
        return !destination.IsGroup ? new IngestProblem(reason, Index: from)
            : destination.IsRack ? new IngestProblem(reason, Rack: destination.Key, Gpu: from)
            : new IngestProblem(reason, Host: destination.Key, Gpu: from);
    }

    /// <summary>
    /// A grain that refuses a whole batch for one reason (an unknown host or rack) reports it once; give every
    /// refused sample that reason so each is accounted for.
    /// </summary>
    private static IEnumerable<(int Index, string Reason)> Spread(IngestResult result, int count)
    {
        if (result.Accepted == 0 && result.Rejected == count && result.Errors.Count == 1 && count > 1)
        {
            return Enumerable.Range(0, count).Select(i => (i, result.Errors[0].Reason));
        }

        return result.Errors.Where(e => e.Index >= 0 && e.Index < count).Select(e => (e.Index, e.Reason));
    }

    private static List<IngestProblem> Cap(List<IngestProblem> problems) =>
        problems.Count <= IngestReply.MaxErrors ? problems : problems.Take(IngestReply.MaxErrors).ToList();
}
