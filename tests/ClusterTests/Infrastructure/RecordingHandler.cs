namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>Passes requests on and keeps each response's status and body, so a test sees what a real client received.</summary>
public sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private readonly List<(System.Net.HttpStatusCode Status, byte[] Body)> _responses = [];

    public IReadOnlyList<(System.Net.HttpStatusCode Status, byte[] Body)> Responses
    {
        get
        {
            lock (_responses)
            {
                return [.. _responses];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Record(await base.SendAsync(request, cancellationToken), cancellationToken);

    /// <summary>The OpenTelemetry exporter sends synchronously (it runs on its own export thread).</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Record(base.Send(request, cancellationToken), cancellationToken);

    private HttpResponseMessage Record(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        response.Content.CopyTo(stream, null, cancellationToken);
        var body = stream.ToArray();
        lock (_responses)
        {
            _responses.Add((response.StatusCode, body));
        }

        // The body was read here: hand the client a fresh copy of it.
        var copy = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = copy;
        return response;
    }
}
