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

    public TwinHttp(LoadOptions options)
    {
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
    public async Task<(int Accepted, int Rejected, double LatencyMs)> Send(ReadOnlyMemory<byte> batch)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new ReadOnlyMemoryContent(batch);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _http.PostAsync("/api/telemetry", content);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                return (0, 0, double.NaN);
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
