using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TokenFactoryTwin.Domain.Telemetry.Native;
using TokenFactoryTwin.Domain.Telemetry.NvidiaSmi;
using TokenFactoryTwin.Replay;

// Sends a capture to a gateway at a steady rate and prints each answer, so an operator sees how the twin maps it
// (accepted, rejected and why, ignored series) before pointing a real cluster at it.
ReplayOptions options;
try
{
    options = ReplayOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"replay: {e.Message}\n{ReplayOptions.Usage}");
    return 2;
}

var text = await File.ReadAllTextAsync(options.File);
using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
if (options.Key is not null)
{
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);
}

var isCsv = options.File.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
if (isCsv && options.Host is null)
{
    Console.Error.WriteLine("replay: an nvidia-smi CSV carries no host name; give --host");
    return 2;
}

var batches = isCsv ? NvidiaSmiCsv.Read(text, options.Host!) : [];
var count = options.Count > 0 ? options.Count : isCsv ? batches.Count : 10;
var period = TimeSpan.FromSeconds(1 / options.Rate);
using var timer = new PeriodicTimer(period);
var failures = 0;
for (var i = 0; i < count; i++)
{
    HttpResponseMessage response;
    if (isCsv)
    {
        // Re-stamped with the time of sending, so the capture's age does not get its samples refused.
        var now = DateTimeOffset.UtcNow.ToString("O");
        var samples = batches[i % batches.Count].Select(s => s with { Timestamp = now }).ToList();
        response = await http.PostAsync("/api/telemetry",
            new StringContent(JsonSerializer.Serialize(new NativeBatch(samples), JsonSerializerOptions.Web), Encoding.UTF8, "application/json"));
    }
    else
    {
        var query = options.Host is not null ? $"?host={Uri.EscapeDataString(options.Host)}"
            : options.Endpoint is not null ? $"?endpoint={Uri.EscapeDataString(options.Endpoint)}" : "";
        response = await http.PostAsync($"/api/ingest/prometheus{query}", new StringContent(text, Encoding.UTF8, "text/plain"));
    }

    var body = await response.Content.ReadAsStringAsync();
    Console.WriteLine($"{i + 1}/{count} {(int)response.StatusCode} {body}");
    if (!response.IsSuccessStatusCode)
    {
        failures++;
    }

    if (i + 1 < count)
    {
        await timer.WaitForNextTickAsync();
    }
}

return failures == 0 ? 0 : 1;
