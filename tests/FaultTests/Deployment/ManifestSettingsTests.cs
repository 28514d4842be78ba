using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using TokenFactoryTwin.FaultTests.Infrastructure;

namespace TokenFactoryTwin.FaultTests.Deployment;

/// <summary>
/// The settings <c>deploy/twin</c> gives its pods, run for real: a silo and a gateway started with exactly the
/// manifests' environment (on a local Redis) turn ready on the probes' paths, serve the twin, demand the key from
/// the secret for writes, and stop on SIGTERM without logging a failure.
/// </summary>
public sealed class ManifestSettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tft-fault-tests", $"manifest-{Guid.NewGuid():N}"[..17]);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly RedisServer _redis;
    private readonly List<ManifestProcess> _processes = [];

    public ManifestSettingsTests() => _redis = new RedisServer(Path.Combine(_folder, "redis"));

    [Fact]
    public async Task The_manifests_settings_run_a_twin_that_turns_ready_takes_the_secret_key_and_stops_cleanly()
    {
        var manifests = RenderedManifests.Render(Path.Combine(Builds.RepositoryRoot, "deploy", "twin"));
        var containers = manifests.Containers().ToDictionary(c => c.Container.GetProperty("name").GetString()!, c => c.Container);
        await _redis.Start();
        var adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var secrets = new Dictionary<string, string> { ["redis"] = _redis.ConnectionString, ["admin-key"] = adminKey };

        var silo = Start(containers["silo"], Builds.Silo, secrets);
        await AllProbesAnswer(silo);
        var gateway = Start(containers["gateway"], Builds.Gateway, secrets);
        await AllProbesAnswer(gateway);

        var facility = await _http.GetFromJsonAsync<JsonElement>(new Uri(gateway.Http, "/api/facility"));
        Assert.True(facility.GetProperty("racks").GetInt32() > 0);
        using (var open = await _http.PostAsJsonAsync(new Uri(gateway.Http, "/api/scenarios"), new { name = "no key" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, open.StatusCode);
        }

        using (var keyed = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Http, "/api/scenarios")) { Content = JsonContent.Create(new { name = "with key" }) })
        {
            keyed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            using var response = await _http.SendAsync(keyed);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        foreach (var process in new[] { gateway, silo })
        {
            process.Process.Stop(TimeSpan.FromSeconds(30));
            var log = process.Process.Log();
            Assert.True(process.Process.ExitCode == 0, $"{process.Process.Name} exited with {process.Process.ExitCode}:\n{log}");
            Assert.DoesNotContain("fail:", log, StringComparison.Ordinal);
            Assert.DoesNotContain("crit:", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", log, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        _redis.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Logs of a failed run are worth keeping; the folder is under the temp directory.
        }
    }

    private ManifestProcess Start(System.Text.Json.JsonElement container, string program, Dictionary<string, string> secrets)
    {
        var process = ManifestProcess.Start(container, program, secrets, _folder);
        _processes.Add(process);
        return process;
    }

    private async Task AllProbesAnswer(ManifestProcess process)
    {
        foreach (var path in process.ProbePaths)
        {
            await Eventually.Until(async () => await Answers(new Uri(process.Http, path)) || process.Process.HasExited,
                TimeSpan.FromSeconds(90), $"{process.Process.Name} answering its probe {path}");
            Assert.False(process.Process.HasExited, process.Process.Log());
        }
    }

    private async Task<bool> Answers(Uri probe)
    {
        try
        {
            using var response = await _http.GetAsync(probe);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
