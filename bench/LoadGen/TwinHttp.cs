using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TokenFactoryTwin.LoadGen;

/// <summary>The gateway's HTTP API as the load generator uses it: topology, rack registration, telemetry, facility KPIs.</summary>
public sealed class TwinHttp : IDisposable
{
    private const int MaxAttempts = 30;
    private readonly HttpClient _http;
    private readonly string _form;

    public TwinHttp(LoadOptions options)
    {
        _form = options.Form;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency + 2 })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (options.ApiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }
    }

    public async Task<JsonElement> Get(string path) =>
        await _http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>Registers a live GB300 rack of 18 hosts × 4 GPUs; a rack already there (a previous run) is fine.</summary>
    public async Task Register(string rackId, string hall, int row, int position, string powerA, string? powerB)
    {
        var body = new
        {
            id = rackId,
            hall,
            rackType = "gb300-nvl72",
            row,
            position,
            powerA,
            powerB,
            source = new { kind = "live", hosts = Enumerable.Range(0, 18).Select(h => new { hostname = $"{rackId}-n{h:d2}", gpus = 4 }) },
        };
        var response = await WithRetry(() => _http.PostAsJsonAsync("/api/racks", body));
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"registering {rackId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task Remove(string rackId) => await WithRetry(() => _http.DeleteAsync($"/api/racks/{rackId}"));

    /// <returns>Samples accepted and rejected, and the request's latency in milliseconds (NaN counts as failed).</returns>
    /// <param name="gpus">The GPU samples the batch carries: formats that answer success without counts accepted them all.</param>
    public async Task<(int Accepted, int Rejected, double LatencyMs)> Send(ReadOnlyMemory<byte> batch, int gpus)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new ReadOnlyMemoryContent(batch);
        var (path, mediaType) = _form switch
        {
            "prometheus" => ("/api/ingest/prometheus", "text/plain"),
            "remote-write" => ("/api/v1/write", "application/x-protobuf"),
            "otlp" => ("/v1/metrics", "application/x-protobuf"),
            _ => ("/api/telemetry", "application/json"),
        };
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (_form == "remote-write")
        {
            content.Headers.ContentEncoding.Add("snappy");
        }

        try
        {
            using var response = await _http.PostAsync(path, content);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return (gpus, 0, latency);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (0, 0, double.NaN);
            }

            if (_form == "otlp")
            {
                var partial = OpenTelemetry.Proto.Collector.Metrics.V1.ExportMetricsServiceResponse.Parser
                    .ParseFrom(await response.Content.ReadAsByteArrayAsync()).PartialSuccess;
                // Rejected points are readings; a GPU with any refused counts as refused.
                var refused = (int)Math.Min(gpus, partial?.RejectedDataPoints ?? 0);
                return (gpus - refused, refused, latency);
            }

            var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (reply.GetProperty("accepted").GetInt32(), reply.GetProperty("rejected").GetInt32(), latency);
        }
        catch (HttpRequestException)
        {
            return (0, 0, double.NaN);
        }
        catch (TaskCanceledException)
        {
            return (0, 0, double.NaN);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Writes are rate limited per client: wait as told on 429 or 503, a bounded number of times.</summary>
    private static async Task<HttpResponseMessage> WithRetry(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (attempt == MaxAttempts || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(500);
            response.Dispose();
            await Task.Delay(wait);
        }
    }
}
