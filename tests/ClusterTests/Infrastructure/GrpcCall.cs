using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// One unary gRPC call by hand over HttpClient (HTTP/2 without TLS): for bodies no gRPC client would send, and to read
/// the status and its details as any client would receive them.
/// </summary>
public static class GrpcCall
{
    public static async Task<(int Status, string Message, byte[] Details, byte[] Response)> Unary(
        Uri server, string path, byte[] message, string? authorization = null)
    {
        using var http = new HttpClient();
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), message.Length);
        message.CopyTo(framed, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Content = new ByteArrayContent(framed),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", authorization);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = response.TrailingHeaders.Concat(response.Headers).ToDictionary(h => h.Key, h => h.Value.First(), StringComparer.OrdinalIgnoreCase);
        Assert.True(headers.ContainsKey("grpc-status"), $"not a gRPC answer: HTTP {(int)response.StatusCode} {response.Version} {string.Join(", ", headers.Select(h => $"{h.Key}={h.Value}"))} {System.Text.Encoding.UTF8.GetString(body)}");
        var details = headers.TryGetValue("grpc-status-details-bin", out var encoded) ? Convert.FromBase64String(Pad(encoded)) : [];
        return (int.Parse(headers["grpc-status"], System.Globalization.CultureInfo.InvariantCulture),
            Uri.UnescapeDataString(headers.GetValueOrDefault("grpc-message") ?? ""), details, body.Length > 5 ? body[5..] : []);
    }

    /// <summary>gRPC sends binary metadata base64 without padding.</summary>
    private static string Pad(string base64) => base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
}
