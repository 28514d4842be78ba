using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Numerics;
using System.Text;
using Microsoft.Extensions.Options;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Domain.Placement;
using TokenFactoryTwin.Domain.Telemetry.Scraping;
using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Scraping;

/// <summary>
/// Pulls /metrics from the registered targets (and those in configuration) on their intervals, each with its own
/// timeout (at most its interval), and feeds each body through the same path as a pushed one; the host batches of
/// scrapes ending within a few milliseconds go to the cluster in one call (<see cref="HostBatches"/>).
/// <para>
/// As Prometheus does (<see cref="ScrapeSchedule"/>), each target keeps its own phase in its interval, its samples
/// are stamped with the time its scrape began (so counter rates are not skewed by how long a body took to read), and
/// a scrape that times out is down for that round and tried again at its next slot: a slow target is not dropped.
/// Only a target that refuses or answers errors waits longer, doubling per failure up to a ceiling, so a dead
/// exporter costs little; its health says why.
/// </para>
/// <para>
/// At most <see cref="ScrapeOptions.MaxScrapesInFlight"/> scrapes run at once: a due target waits in the queue for a
/// free slot, and a round that could not start within its interval is missed, counted in the target's health and
/// logged once a minute, so slow targets cannot make the gateway hold a socket for every one of them.
/// </para>
/// <para>
/// The registered targets are shared out among the gateways that scrape the facility, each target to one of them
/// (<see cref="RendezvousHash"/>: every gateway computes the same owner, and one joining or leaving moves only the
/// targets it takes or gives up), so a second gateway halves the scraping instead of doubling it. Each gateway renews a
/// lease on its share at every refresh (<see cref="IScrapeGatewaysGrain"/>); one that stops gives its share up, and
/// one that dies loses it when its lease runs out, the others taking its targets at their next refresh. Targets
/// declared in a gateway's configuration stay with that gateway.
/// </para>
/// <para>
/// Targets wait in a queue by when they are due, so a tick costs only the scrapes it starts, not a pass over every
/// target: at a gigawatt's 133,200 targets a pass per tick would cost more than the scrapes it finds.
/// </para>
/// </summary>
public sealed class ScrapeService(
    TwinLocator twin,
    PrometheusIngestor ingestor,
    ScrapeHealthRegistry health,
    ConfiguredScrapeTargets configuredTargets,
    IOptions<ScrapeOptions> options,
    TimeProvider time,
    ILogger<ScrapeService> logger) : BackgroundService
{
    /// <summary>How late after its slot a scrape may start: small against a 1 s interval, cheap with the queue.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    /// <summary>The first read's buffer when a target does not say its length; a dcgm-exporter host's body is a few to tens of KB.</summary>
    private const int FirstRead = 64 * 1024;

    /// <summary>The shortest lease on a share of the registered targets, however quick the refresh.</summary>
    private static readonly TimeSpan MinLease = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, Task> _running = [];
    private readonly Lock _gate = new();
    private readonly PriorityQueue<ScrapeTargetSpec, DateTimeOffset> _due = new();
    private HashSet<ScrapeTargetSpec> _scheduled = [];
    private HashSet<string> _scheduledIds = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,

        // Exporters are reached directly, as Prometheus does unless told a proxy: no proxy lookup, no cookies.
        UseProxy = false,
        UseCookies = false,
        MaxConnectionsPerServer = options.Value.MaxConnectionsPerServer > 0 ? options.Value.MaxConnectionsPerServer : int.MaxValue,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>This gateway among those scraping the facility: its host, its process and a random part (several gateways may share a process).</summary>
    private readonly string _gatewayId = string.IsNullOrWhiteSpace(options.Value.GatewayId)
        ? $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}"
        : options.Value.GatewayId;

    private DateTimeOffset _refreshAt;

    /// <summary>The facility's registered targets as last read; re-read only when their version changed.</summary>
    private ScrapeTargetList _registered = new(0, null);
    private (int Mine, int Registered, int Gateways) _share;

    /// <summary>
    /// The registered list's version and the gateways it was last shared out among. A refresh that finds both as they
    /// were has nothing to share out again: at a gigawatt that is 133,200 targets hashed and looked up every refresh.
    /// </summary>
    private (long Version, string Gateways)? _sharedOut;
    private int _inFlight;
    private long _missedLate;
    private DateTimeOffset _missedLoggedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var ready = new List<(ScrapeTargetSpec Target, DateTimeOffset Planned)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (now >= _refreshAt)
            {
                await Refresh(now);
            }

            ready.Clear();
            var slots = SlotsFree();
            lock (_gate)
            {
                while (ready.Count < slots && _due.TryPeek(out var target, out var planned) && planned <= now)
                {
                    _due.Dequeue();
                    if (!_scheduled.Contains(target))
                    {
                        continue; // removed or changed since it was queued
                    }

                    if (_running.TryGetValue(target.Id, out var task) && !task.IsCompleted)
                    {
                        // The same id under a changed spec, still scraping under the old one: its next slot.
                        _due.Enqueue(target, ScrapeSchedule.NextInPhase(planned, now, target.IntervalSeconds));
                        continue;
                    }

                    ready.Add((target, planned));
                }
            }

            foreach (var (target, planned) in ready)
            {
                Interlocked.Increment(ref _inFlight);
                _running[target.Id] = Scrape(target, planned, stoppingToken);
            }

            LogMissedLate(now);

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

    /// <summary>How many more scrapes may start now.</summary>
    private int SlotsFree()
    {
        var limit = options.Value.MaxScrapesInFlight;
        return limit > 0 ? Math.Max(0, limit - Volatile.Read(ref _inFlight)) : int.MaxValue;
    }

    private void LogMissedLate(DateTimeOffset now)
    {
        if (now - _missedLoggedAt < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _missedLoggedAt = now;
        if (Interlocked.Exchange(ref _missedLate, 0) is var missed and > 0)
        {
            GatewayLog.ScrapesMissedLate(logger, missed, options.Value.MaxScrapesInFlight);
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task Refresh(DateTimeOffset now)
    {
        var refresh = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        _refreshAt = now + refresh;
        try
        {
            string[] gateways = [_gatewayId];
            if (await twin.FacilityId() is { } facility)
            {
                var list = await twin.Client.Reference<IScrapeTargetsGrain>(TwinKeys.ScrapeTargets(facility)).GetIfChanged(_registered.Version);
                _registered = list.Targets is null ? _registered : list;
                gateways = await twin.Client.Reference<IScrapeGatewaysGrain>(TwinKeys.ScrapeGateways(facility)).Renew(_gatewayId, Lease(refresh).TotalSeconds);
            }

            var sharing = (_registered.Version, string.Join('\n', gateways));
            if (sharing == _sharedOut)
            {
                ForgetFinishedScrapesOfGoneTargets();
                return;
            }

            var registered = _registered.Targets ?? [];
            var configured = configuredTargets.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var others = registered.Where(r => !configured.Contains(r.Id)).ToList();

            // The registered targets are shared out among the gateways scraping the facility; those declared in this
            // gateway's configuration are its own (another gateway may not know them).
            var owners = others.ToDictionary(r => r.Id, r => RendezvousHash.Pick(r.Id, gateways) is var i and >= 0 ? gateways[i] : _gatewayId, StringComparer.Ordinal);
            List<ScrapeTargetSpec> targets = [.. configuredTargets.All, .. others.Where(r => owners[r.Id] == _gatewayId)];
            (int Mine, int Registered, int Gateways) share = (targets.Count - configured.Count, others.Count, gateways.Length);
            if (share != _share && (others.Count > 0 || _share.Registered > 0))
            {
                _share = share;
                GatewayLog.ScrapeShareChanged(logger, _gatewayId, share.Mine, share.Registered, share.Gateways);
            }

            health.RetainOnly([.. configured, .. owners.Keys]);
            foreach (var elsewhere in others.Where(r => owners[r.Id] != _gatewayId))
            {
                // Written once per move, not per refresh: most of a gigawatt's targets are elsewhere for every gateway.
                if (health.Get(elsewhere.Id) is not { Health: ScrapeTargetHealth.ScrapedElsewhere } known
                    || known.ScrapedBy != owners[elsewhere.Id] || known.Url != elsewhere.Url)
                {
                    health.Set(ScrapeTargetHealth.Elsewhere(elsewhere, owners[elsewhere.Id]));
                }
            }

            lock (_gate)
            {
                // A new target (or one whose spec changed, or one this gateway takes over) is first scraped at its phase from now.
                foreach (var target in targets.Where(t => !_scheduled.Contains(t)))
                {
                    var first = now + ScrapeSchedule.Phase(target.Id, target.IntervalSeconds);
                    _due.Enqueue(target, first);
                    if (health.Get(target.Id) is null or { Health: ScrapeTargetHealth.ScrapedElsewhere })
                    {
                        health.Set(new ScrapeTargetHealth(target.Id, target.Url, "unknown", null, null, null, 0, first, null, null, null,
                            ScrapedBy: _gatewayId));
                    }
                }

                _scheduled = [.. targets];
                _scheduledIds = targets.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            }

            ForgetFinishedScrapesOfGoneTargets();
            _sharedOut = sharing;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The cluster may be restarting: keep scraping the targets known so far and try again next refresh.
            _refreshAt = now + TimeSpan.FromSeconds(1);
        }
    }

    /// <summary>A target no longer scraped here leaves its last scrape's task behind until that scrape has finished.</summary>
    private void ForgetFinishedScrapesOfGoneTargets()
    {
        lock (_gate)
        {
            foreach (var gone in _running.Where(r => r.Value.IsCompleted && !_scheduledIds.Contains(r.Key)).Select(r => r.Key).ToList())
            {
                _running.Remove(gone);
            }
        }
    }

    /// <summary>
    /// How long this gateway's share lasts without a renewal: three refreshes, so one slow or lost renewal does not
    /// hand its targets to the others, and a gateway that died loses them within seconds.
    /// </summary>
    private static TimeSpan Lease(TimeSpan refresh) => refresh * 3 > MinLease ? refresh * 3 : MinLease;

    /// <summary>
    /// Stops scraping, then gives up this gateway's share at once, so the others take its targets at their next
    /// refresh rather than when its lease runs out.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            if (await twin.FacilityId() is { } facility)
            {
                await twin.Client.Reference<IScrapeGatewaysGrain>(TwinKeys.ScrapeGateways(facility)).Leave(_gatewayId)
                    .WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The cluster may be gone first: the lease then runs out on its own.
            GatewayLog.ScrapeLeaveFailed(logger, e.Message);
        }
    }

    /// <summary>Refreshes the target list at once (after one is registered or removed through this gateway).</summary>
    public void RefreshSoon() => _refreshAt = DateTimeOffset.MinValue;

    private async Task Scrape(ScrapeTargetSpec target, DateTimeOffset planned, CancellationToken stoppingToken)
    {
        try
        {
            await ScrapeOnce(target, planned, stoppingToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ScrapeOnce(ScrapeTargetSpec target, DateTimeOffset planned, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var previous = health.Get(target.Id);
        var missedLate = (previous?.RoundsMissedLate ?? 0) + RoundsMissedWaiting(planned, started, target.IntervalSeconds);
        DateTimeOffset next;
        try
        {
            if (await twin.FacilityId() is not { } facility)
            {
                throw new InvalidOperationException("the twin's cluster has not loaded its facility yet");
            }

            if (!await twin.FacilityRunning())
            {
                throw new InvalidOperationException("the facility is starting (configuring its racks)");
            }

            var timeoutAfter = ScrapeSchedule.Timeout(target.TimeoutSeconds, target.IntervalSeconds);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(timeoutAfter);
            string text;
            try
            {
                using var response = await _http.GetAsync(target.Url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
                }

                text = await ReadCapped(response, timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no complete answer within {timeoutAfter.TotalSeconds:0.###} s");
            }

            var (reply, unusable, _) = await ingestor.Ingest(facility, text, target.Host, target.Endpoint, started, gathered: true);
            if (reply is null)
            {
                throw new InvalidDataException(unusable);
            }

            next = ScrapeSchedule.NextInPhase(planned, started, target.IntervalSeconds);
            health.Set(new ScrapeTargetHealth(target.Id, target.Url, "up", started, time.GetUtcNow(), null, 0,
                next, clock.Elapsed.TotalMilliseconds, reply.Accepted, reply.Rejected, missedLate, _gatewayId));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            var failures = (previous?.ConsecutiveFailures ?? 0) + 1;
            next = ScrapeSchedule.AfterFailure(Classify(e), failures, planned, started, target.IntervalSeconds, options.Value.MaxBackoffSeconds);
            var reason = e is HttpRequestException { InnerException: { } inner } ? $"{e.Message} ({inner.Message})" : e.Message;
            if (BitOperations.IsPow2(failures))
            {
                // The 1st, 2nd, 4th, 8th … failure in a row: a target down for long does not fill the log.
                GatewayLog.ScrapeFailed(logger, target.Id, failures, next - started, reason);
            }

            health.Set(new ScrapeTargetHealth(target.Id, target.Url, "down", started, previous?.LastSuccess, reason, failures,
                next, clock.Elapsed.TotalMilliseconds, null, null, missedLate, _gatewayId));
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        lock (_gate)
        {
            if (_scheduled.Contains(target))
            {
                _due.Enqueue(target, next);
            }
        }
    }

    /// <summary>
    /// The whole intervals a scrape started past its slot: rounds missed waiting for a free slot under the bound on
    /// scrapes in flight, or on a gateway too busy to start them (a tick's lateness is a few milliseconds, never an
    /// interval). Also counted for the minute's log line.
    /// </summary>
    private long RoundsMissedWaiting(DateTimeOffset planned, DateTimeOffset started, double intervalSeconds)
    {
        var missed = (long)Math.Floor((started - planned).TotalSeconds / intervalSeconds);
        if (missed <= 0)
        {
            return 0;
        }

        Interlocked.Add(ref _missedLate, missed);
        return missed;
    }

    /// <summary>
    /// A refusal (no connection, no such host, an HTTP error status, a body that is no exposition) backs off; a
    /// timeout, a connection cut short or the twin not being ready misses the round only.
    /// </summary>
    private static ScrapeFailure Classify(Exception e) => e switch
    {
        HttpRequestException { StatusCode: not null } => ScrapeFailure.Refused,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => ScrapeFailure.Refused,
        InvalidDataException => ScrapeFailure.Refused,
        _ => ScrapeFailure.Missed,
    };

    /// <summary>The body, read into a pooled buffer: a scrape a second per target should not allocate its reading space each time.</summary>
    private async Task<string> ReadCapped(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBodyBytes;
        var declared = response.Content.Headers.ContentLength;
        if (declared > max)
        {
            throw new InvalidDataException($"the scrape declares {declared} bytes, over the {max} accepted");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(max, (declared ?? FirstRead) + 1));
        try
        {
            var length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > max)
                {
                    throw new InvalidDataException($"the scrape is larger than the {max} bytes accepted (Twin:Scrape:MaxBodyBytes)");
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(max + 1, buffer.Length * 2L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
