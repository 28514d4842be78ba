using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Native;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// Sends mapped telemetry into the twin: one grain call per host (or per rack, for samples addressed by twin GPU
/// id), all in parallel, never one per sample; then folds the answers into one reply with reasons that name the
/// host, GPU, line or index they concern.
/// </summary>
public sealed class TelemetryDispatcher(IClusterClient client, IngestGrains grains)
{
    /// <param name="host">The host named by the request (<c>?host=</c>): it owns server-level tokens.</param>
    /// <param name="endpoint">A registered inference endpoint named by the request (<c>?endpoint=</c>): it owns server-level tokens.</param>
    public async Task<IngestReply> Dispatch(string facility, MappedTelemetry mapped, string? host, string? endpoint)
    {
        var problems = mapped.Issues.Select(i => new IngestProblem(i.Reason, Line: i.Line > 0 ? i.Line : null)).ToList();
        var accepted = 0;
        var rejected = mapped.Issues.Count;
        var byHost = mapped.Gpus.GroupBy(g => g.Host, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(s => s.Sample).ToList());
        var tokens = mapped.Tokens;
        Task<IngestResult>? endpointCall = null;
        if (tokens.Count > 0)
        {
            if (endpoint is not null)
            {
                endpointCall = client.GetGrain<IInferenceEndpointGrain>(TwinKeys.InferenceEndpoint(facility, endpoint)).Ingest(tokens);
                tokens = [];
            }
            else if (host is not null)
            {
                byHost.TryAdd(host, []);
            }
            else
            {
                rejected += tokens.Count;
                problems.Add(new IngestProblem("token counters carry no GPU or host: name their source with ?host=<hostname> or ?endpoint=<registered endpoint>"));
                tokens = [];
            }
        }

        var calls = byHost.Select(async pair =>
        {
            List<ServerTokens> owned = pair.Key == host ? tokens : [];
            var result = await grains.Host(facility, pair.Key).Ingest(GpuSampleBatch.Of(pair.Value), owned);
            return (Host: pair.Key, Samples: pair.Value, Result: result, Count: pair.Value.Count + owned.Count);
        }).ToList();

        foreach (var (hostName, samples, result, count) in await Task.WhenAll(calls))
        {
            accepted += result.Accepted;
            rejected += result.Rejected;
            foreach (var (index, reason) in Spread(result, count))
            {
                problems.Add(new IngestProblem(reason, Host: hostName, Gpu: index < samples.Count ? samples[index].GpuIndex : null));
            }
        }

        if (endpointCall is not null)
        {
            var result = await endpointCall;
            accepted += result.Accepted;
            rejected += result.Rejected;
            problems.AddRange(result.Errors.Select(e => new IngestProblem($"endpoint '{endpoint}': {e.Reason}")));
        }

        return new IngestReply(accepted, rejected, Cap(problems), mapped.Ignored);
    }

    /// <summary>One call per rack or host the batch addresses, all in parallel; replies refer to samples by their index in the request.</summary>
    public async Task<IngestReply> DispatchNative(string facility, NativeBatchContent content)
    {
        var destinations = content.Destinations;
        var calls = new Task<IngestResult>[destinations.Count];
        for (var d = 0; d < destinations.Count; d++)
        {
            var destination = destinations[d];
            var samples = destination.Samples.Build();
            calls[d] = destination.IsRack
                ? grains.Rack(facility, destination.Key).Ingest(samples)
                : grains.Host(facility, destination.Key).Ingest(samples, []);
        }

        var results = await Task.WhenAll(calls);
        var problems = content.Refused.Select(r => new IngestProblem(r.Reason, Index: r.Index, Rack: r.Rack, Host: r.Host, Gpu: r.Gpu)).ToList();
        var accepted = 0;
        var rejected = content.RefusedSamples;
        for (var d = 0; d < destinations.Count; d++)
        {
            var destination = destinations[d];
            var indices = destination.Indices;
            accepted += results[d].Accepted;
            rejected += results[d].Rejected;
            foreach (var (index, reason) in Spread(results[d], indices.Length))
            {
                problems.Add(!destination.IsGroup ? new IngestProblem(reason, Index: indices[index])
                    : destination.IsRack ? new IngestProblem(reason, Rack: destination.Key, Gpu: indices[index])
                    : new IngestProblem(reason, Host: destination.Key, Gpu: indices[index]));
            }
        }

        // Samples by their index first, then groups' GPUs by rack or host and position.
        problems.Sort((a, b) => (a.Rack ?? a.Host ?? "", a.Index ?? 0, a.Gpu ?? 0).CompareTo((b.Rack ?? b.Host ?? "", b.Index ?? 0, b.Gpu ?? 0)));
        return new IngestReply(accepted, rejected, Cap(problems));
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
