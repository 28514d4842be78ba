using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class HostileInputTests(TwinClusterFixture fixture)
{
    private static readonly Dictionary<string, string?> SmallLimits = new()
    {
        ["Twin:Ingest:MaxBodyBytes"] = "65536",
        ["Twin:Ingest:BodyReadTimeoutSeconds"] = "1",
    };

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static ByteArrayContent Gzipped(byte[] data, string mediaType = "text/plain")
    {
        var content = new ByteArrayContent(Gzip(data));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    [Fact]
    public async Task An_oversized_body_gets_413_with_the_configured_limit()
    {
        await using var twin = await LiveTwin.Start(fixture, SmallLimits);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();
        var big = string.Concat(Enumerable.Repeat(Captures.Text(Captures.Dcgm8xH100), 10));

        var problem = await LiveTwin.Json(await twin.PostPrometheus(big), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("65536", problem.GetProperty("detail").GetString());
        await twin.AssertUnharmed(fingerprint, 0);
    }

    [Fact]
    public async Task A_gzip_bomb_gets_413_not_500()
    {
        await using var twin = await LiveTwin.Start(fixture, SmallLimits);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();
        var bomb = Gzip(new byte[48 * 1024 * 1024]);
        Assert.True(bomb.Length < 65536, $"the bomb must pass the limit on the wire ({bomb.Length} bytes)");

        var content = new ByteArrayContent(bomb);
        content.Headers.ContentEncoding.Add("gzip");
        var problem = await LiveTwin.Json(await twin.Http.PostAsync("/api/ingest/prometheus", content), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("inflates", problem.GetProperty("detail").GetString());
        await twin.AssertUnharmed(fingerprint, 0);
    }

    [Fact]
    public async Task Gzip_bodies_within_the_limit_are_read()
    {
        await using var twin = await LiveTwin.Start(fixture, SmallLimits);
        await twin.RegisterLiveRack();

        var reply = await LiveTwin.Json(await twin.Http.PostAsync("/api/ingest/prometheus",
            Gzipped(Encoding.UTF8.GetBytes(Captures.Text(Captures.Dcgm8xH100)))));

        Assert.Equal(8, reply.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Corrupt_gzip_gets_400_and_unknown_encodings_415()
    {
        await using var twin = await LiveTwin.Start(fixture, SmallLimits);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();

        var corrupt = new ByteArrayContent([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        corrupt.Headers.ContentEncoding.Add("gzip");
        var brotli = new StringContent("x 1");
        brotli.Headers.ContentEncoding.Add("br");

        await LiveTwin.Json(await twin.Http.PostAsync("/api/ingest/prometheus", corrupt), HttpStatusCode.BadRequest);
        await LiveTwin.Json(await twin.Http.PostAsync("/api/ingest/prometheus", brotli), HttpStatusCode.UnsupportedMediaType);
        await twin.AssertUnharmed(fingerprint, 0);
    }

    [Fact]
    public async Task A_charset_no_one_knows_gets_415_on_every_route_with_a_body()
    {
        await using var twin = await LiveTwin.Start(fixture, SmallLimits);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();

        foreach (var (path, body) in new[] { ("/api/scenarios", "{\"name\":\"x\"}"), ("/api/telemetry", "{\"samples\":[]}"), ("/api/ingest/prometheus", "x 1") })
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=bogus");
            var problem = await LiveTwin.Json(await twin.Http.PostAsync(path, content), HttpStatusCode.UnsupportedMediaType);
            Assert.Contains("'bogus'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await twin.AssertUnharmed(fingerprint, 0);
    }

    [Fact]
    public async Task A_client_too_slow_to_send_its_body_gets_408_and_others_are_served_meanwhile()
    {
        await using var twin = await LiveTwin.Start(fixture, SmallLimits, kestrel: true);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();
        // A valid body that trickles in over 3 s: the gateway gives up after the configured 1 s.
        var slow = new TrickledContent(Encoding.UTF8.GetBytes($"DCGM_FI_DEV_POWER_USAGE{{gpu=\"0\",Hostname=\"{LiveTwin.Host}\"}} 1"), TimeSpan.FromSeconds(3));

        var posting = twin.Http.PostAsync("/api/ingest/prometheus", slow);
        var other = await twin.Http.GetAsync("/api/facility");
        var response = await posting;

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var problem = await LiveTwin.Json(response, HttpStatusCode.RequestTimeout);
        Assert.Contains("1 s", problem.GetProperty("detail").GetString());
        await twin.AssertUnharmed(fingerprint, 0);
    }

    /// <summary>Sends the first byte, then the rest only after <paramref name="pause"/>: a client that stalls mid-body.</summary>
    private sealed class TrickledContent(byte[] body, TimeSpan pause) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, 1));
            await stream.FlushAsync();
            await Task.Delay(pause);
            await stream.WriteAsync(body.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
