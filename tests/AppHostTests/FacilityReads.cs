using System.Net.Http.Json;
using System.Text.Json;

namespace TokenFactoryTwin.AppHostTests;

/// <summary>Reads a JSON resource of the gateway the app host started until it shows what a test waits for.</summary>
public static class FacilityReads
{
    public static async Task<JsonElement> Until(HttpClient http, string path, Func<JsonElement, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(path);
                last = $"{(int)response.StatusCode}";
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    last = body.ToString();
                    if (until(body))
                    {
                        return body;
                    }
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{path} did not answer as expected within {timeout}; last: {last}");
    }
}
