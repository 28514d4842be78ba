using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Scraping;

/// <summary>
/// Pulls /metrics from the registered targets (and those in configuration) on their intervals, each with its own
/// timeout, and feeds each body through the same path as a pushed one. A failing target waits twice as long after
/// each failure, up to a ceiling, so a dead exporter costs little; its health says why.
/// <para>
/// As Prometheus does, each target keeps its own phase in its interval (from a hash of its id), so thousands of
/// targets are spread over the interval instead of all fetched at once, and its samples are stamped with the time
/// its scrape began, so counter rates are not skewed by how long a body waited to be read.
/// </para>
/// </summary>
public sealed class ScrapeService(
    TwinLocator twin,
    PrometheusIngestor ingestor,
    ScrapeHealthRegistry health,
    IOptions<ScrapeOptions> options,
    TimeProvider time,
    ILogger<ScrapeService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<string, Task> _running = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private IReadOnlyList<ScrapeTargetSpec> _targets = [];
    private DateTimeOffset _refreshAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (now >= _refreshAt)
            {
                await Refresh(now);
            }

            foreach (var target in _targets)
            {
                if (_running.TryGetValue(target.Id, out var task) && !task.IsCompleted)
                {
                    continue;
                }

                if ((health.Get(target.Id)?.NextScrape ?? now) <= now)
                {
                    _running[target.Id] = Scrape(target, stoppingToken);
                }
            }

            try
            {
                await Task.Delay(Tick, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_running.Values);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task Refresh(DateTimeOffset now)
    {
        _refreshAt = now + TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        try
        {
            IReadOnlyList<ScrapeTargetSpec> registered = await twin.FacilityId() is { } facility
                ? await twin.Client.GetGrain<IScrapeTargetsGrain>(TwinKeys.ScrapeTargets(facility)).GetAll()
                : [];
            _targets = [.. options.Value.Targets, .. registered.Where(r => options.Value.Targets.All(c => c.Id != r.Id))];
            health.RetainOnly(_targets.Select(t => t.Id).ToList());
            foreach (var target in _targets.Where(t => health.Get(t.Id) is null))
            {
                health.Set(new ScrapeTargetHealth(target.Id, target.Url, "unknown", null, null, null, 0, now + Phase(target), null, null, null));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The cluster may be restarting: keep scraping the targets known so far and try again next refresh.
            _refreshAt = now + TimeSpan.FromSeconds(1);
        }
    }

    /// <summary>Refreshes the target list at once (after one is registered or removed through this gateway).</summary>
    public void RefreshSoon() => _refreshAt = DateTimeOffset.MinValue;

    private async Task Scrape(ScrapeTargetSpec target, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var previous = health.Get(target.Id);
        try
        {
            if (await twin.FacilityId() is not { } facility)
            {
                throw new InvalidOperationException("the twin's cluster has not loaded its facility yet");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(target.TimeoutSeconds));
            string text;
            try
            {
                using var response = await _http.GetAsync(target.Url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                text = await ReadCapped(response, timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no complete answer within {target.TimeoutSeconds:0.###} s");
            }

            var (reply, unusable, _) = await ingestor.Ingest(facility, text, target.Host, target.Endpoint, started);
            if (reply is null)
            {
                throw new InvalidDataException(unusable);
            }

            health.Set(new ScrapeTargetHealth(target.Id, target.Url, "up", started, time.GetUtcNow(), null, 0,
                NextInPhase(previous?.NextScrape ?? started, started, target.IntervalSeconds), clock.Elapsed.TotalMilliseconds, reply.Accepted, reply.Rejected));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            var failures = (previous?.ConsecutiveFailures ?? 0) + 1;
            var backoff = TimeSpan.FromSeconds(Math.Min(options.Value.MaxBackoffSeconds, target.IntervalSeconds * Math.Pow(2, failures - 1)));
            var reason = e is HttpRequestException { InnerException: { } inner } ? $"{e.Message} ({inner.Message})" : e.Message;
            GatewayLog.ScrapeFailed(logger, target.Id, failures, backoff, reason);
            health.Set(new ScrapeTargetHealth(target.Id, target.Url, "down", started, previous?.LastSuccess, reason, failures,
                started + backoff, clock.Elapsed.TotalMilliseconds, null, null));
        }
    }

    /// <summary>Where in its interval a target is scraped: the same for a target every time, spread over targets.</summary>
    private static TimeSpan Phase(ScrapeTargetSpec target)
    {
        // FNV-1a: string.GetHashCode differs from run to run, and a target's phase should not.
        var hash = 2166136261u;
        foreach (var c in target.Id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return TimeSpan.FromSeconds(target.IntervalSeconds * (hash / (double)uint.MaxValue));
    }

    /// <summary>
    /// The next scrape one interval after the one planned, keeping the target's phase however late the scraper's
    /// tick picked it up; a target more than an interval behind skips the slots it missed.
    /// </summary>
    private static DateTimeOffset NextInPhase(DateTimeOffset planned, DateTimeOffset started, double intervalSeconds)
    {
        var interval = TimeSpan.FromSeconds(intervalSeconds);
        var next = planned + interval;
        return next > started ? next : next + interval * Math.Ceiling((started - next) / interval + 1e-9);
    }

    private async Task<string> ReadCapped(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBodyBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw new InvalidDataException($"the scrape declares {response.Content.Headers.ContentLength} bytes, over the {max} accepted");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new InvalidDataException($"the scrape is larger than the {max} bytes accepted (Twin:Scrape:MaxBodyBytes)");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
