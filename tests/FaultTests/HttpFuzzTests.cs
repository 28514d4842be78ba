using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.FaultTests.Fuzzing;
using TokenFactoryTwin.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace TokenFactoryTwin.FaultTests;

/// <summary>
/// Mutated requests over every route of a real gateway and silo, while normal telemetry flows, against a control twin
/// fed only that telemetry. <c>TFT_FUZZ_REQUESTS</c> sets how many (5,000 by default, for CI; the long run in
/// docs/benchmarks.md used 100,000) and <c>TFT_FUZZ_SEED</c> the seed, which every failure names. CI uses a fixed
/// seed so that its verdict is the same on every run; other seeds explore further and their findings join the
/// regression inputs.
/// </summary>
public sealed class HttpFuzzTests(ITestOutputHelper output)
{
    private const int Racks = 3;
    private const int DefaultSeed = 20261207;
    private const string Key = "fuzz-key-0123456789abcdef";
    private static readonly string[] Leaks = ["   at ", "Exception", "TokenFactoryTwin.", "Orleans.", "System.", "Microsoft."];

    [Fact]
    public async Task Mutated_requests_on_every_route_get_no_5xx_leak_nothing_and_leave_the_twin_as_the_control()
    {
        var requests = int.Parse(Environment.GetEnvironmentVariable("TFT_FUZZ_REQUESTS") ?? "5000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("TFT_FUZZ_SEED") ?? $"{DefaultSeed}", CultureInfo.InvariantCulture);
        output.WriteLine($"seed {seed}, {requests} requests");
        var settings = new Dictionary<string, string>
        {
            ["Twin__ApiKeys__0__Name"] = "fuzzer",
            ["Twin__ApiKeys__0__Key"] = Key,
            ["Twin__ApiKeys__0__Roles__0"] = "ingest",
            ["Twin__ApiKeys__0__Roles__1"] = "planner",
            ["Twin__RateLimit__PermitsPerWindow"] = "1000000",
            ["Twin__StalePeriods"] = "40",
        };
        await using var fuzzed = new TwinDeployment(settings);
        await using var control = new TwinDeployment(settings);
        var twins = new[] { fuzzed, control };
        var silos = new List<SiloProcess>();
        foreach (var twin in twins)
        {
            await twin.Redis.Start();
            silos.Add(await twin.StartSilo(facilityFile: LiveFacilityFile.Write(twin.Folder, Racks)));
            await twin.StartGateway("drill");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var ingest = new IdenticalIngest([fuzzed.GatewayUrl, control.GatewayUrl], Key, Racks, DateTimeOffset.UtcNow);
        await ingest.SendTick(http);
        var scenario = await CreateScenario(http, fuzzed.GatewayUrl);
        var corpus = FuzzCorpus.Load(Path.Combine(AppContext.BaseDirectory, "TestData"));

        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var sent = 0;
        var normal = Task.Run(async () =>
        {
            while (Volatile.Read(ref sent) < requests)
            {
                await ingest.SendTick(http);
                await ingest.UntilNextTick();
            }
        });

        // Resident memory is compared from after a warm-up (JIT, pools, caches filling) to the end of the run: at least a
        // fifth of the requests, and half of a short run, whose first thousands still grow the caches.
        var warmUp = Math.Max(requests / 5, Math.Min(requests / 2, 2_500));
        await Fuzz(http, fuzzed.GatewayUrl, new RequestMutator(corpus, seed, scenario), warmUp, statuses, failures, () => Interlocked.Increment(ref sent));
        var rssBefore = Rss(silos[0].Process) + Rss(fuzzed.Gateway!);
        const int workerCount = 6;
        var workers = Enumerable.Range(1, workerCount).Select(w => Fuzz(http, fuzzed.GatewayUrl, new RequestMutator(corpus, seed + w, scenario),
            (requests - warmUp) / workerCount + (w <= (requests - warmUp) % workerCount ? 1 : 0), statuses, failures, () => Interlocked.Increment(ref sent)));
        await Task.WhenAll(workers);
        Volatile.Write(ref sent, requests);
        await normal;
        await ingest.UntilNextTick();
        await ingest.SendTick(http);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rssAfter = Rss(silos[0].Process) + Rss(fuzzed.Gateway!);

        output.WriteLine($"{statuses.Values.Sum()} requests answered or refused by the client; answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        output.WriteLine($"silo + gateway resident: {rssBefore / 1e6:F0} MB after warm-up, {rssAfter / 1e6:F0} MB after the run");
        Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} bad answers, first: {string.Join("\n", failures.Take(5))}");
        Assert.False(silos[0].Process.HasExited || fuzzed.Gateway!.HasExited, "a fuzzed process died");
        Assert.True(rssAfter <= rssBefore * 1.10, $"resident memory grew from {rssBefore / 1e6:F0} MB to {rssAfter / 1e6:F0} MB");

        // The fuzzed twin's racks and totals are the control's: nothing the fuzzer sent reached them.
        var expected = JsonSerializer.Serialize(new { gpus = Racks * 32, reporting = Racks * 32 });
        await Eventually.Until(async () =>
            {
                var figures = await Figures(http, fuzzed.GatewayUrl);
                return figures == await Figures(http, control.GatewayUrl) && figures.StartsWith(expected[..^1], StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(20), "the fuzzed twin's figures to equal the control's, every GPU reporting");
        output.WriteLine(await Figures(http, fuzzed.GatewayUrl));
    }

    private static async Task Fuzz(HttpClient http, Uri gateway, RequestMutator mutator, int count, ConcurrentDictionary<int, int> statuses,
        ConcurrentQueue<string> failures, Func<int> counted)
    {
        for (var i = 0; i < count; i++)
        {
            HttpRequestMessage request;
            try
            {
                request = mutator.Next();
                request.RequestUri = new Uri(gateway, request.RequestUri!);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            }
            catch (UriFormatException)
            {
                statuses.AddOrUpdate(-1, 1, (_, n) => n + 1); // a path no client can even send
                continue;
            }

            counted();
            using (request)
            {
                try
                {
                    using var response = await http.SendAsync(request);
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    var body = await response.Content.ReadAsStringAsync();
                    if (status >= 500 || (status >= 400 && Leaks.FirstOrDefault(l => body.Contains(l, StringComparison.Ordinal)) is { } leak && Leaked(leak)))
                    {
                        failures.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery[..Math.Min(200, request.RequestUri.PathAndQuery.Length)]} → {status}: {body[..Math.Min(400, body.Length)]}");
                    }
                }
                catch (HttpRequestException e)
                {
                    // The server may close a connection on a body it refuses mid-stream; a dead server shows in the checks after.
                    statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                    _ = e;
                }
            }
        }
    }

    private static bool Leaked(string leak) => leak.Length > 0;

    private static async Task<string> CreateScenario(HttpClient http, Uri gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "/api/scenarios")) { Content = JsonContent.Create(new { name = "fuzz target" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await http.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>What must match the control: GPUs counted and reporting, facility tokens/s, and each rack's tokens/s and power.</summary>
    private static async Task<string> Figures(HttpClient http, Uri gateway)
    {
        var facility = await http.GetFromJsonAsync<JsonElement>(new Uri(gateway, "/api/facility"));
        var racks = await http.GetFromJsonAsync<JsonElement>(new Uri(gateway, "/api/racks"));
        return JsonSerializer.Serialize(new
        {
            gpus = facility.GetProperty("gpus").GetInt32(),
            reporting = facility.GetProperty("gpusReporting").GetInt32(),
            tokens = facility.GetProperty("tokensPerSecond").GetDouble(),
            racks = racks.EnumerateArray().Select(r => $"{r.GetProperty("id").GetString()}:{r.GetProperty("tokensPerSecond").GetDouble()}:{r.GetProperty("itPowerKw").GetDouble()}").Order(),
        });
    }

    private static long Rss(ManagedProcess process)
    {
        var line = File.ReadLines($"/proc/{process.Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
