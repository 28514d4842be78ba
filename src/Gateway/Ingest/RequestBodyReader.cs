using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using TokenFactoryTwin.Domain.Telemetry.Compression;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// Reads a write's body under the configured limits: a declared length over the limit is refused before reading,
/// gzip/deflate bodies are inflated with the limit applied to what comes out (a compression bomb gets 413 after
/// at most the limit, never an out-of-memory), and a client too slow to send its body gets 408. Snappy bodies
/// (Prometheus remote write: the block format, whole-body) declare their inflated length up front: over the limit is
/// refused before anything is inflated.
/// </summary>
public sealed class RequestBodyReader(IOptions<IngestOptions> options)
{
    private IngestOptions Limits => options.Value;

    public async Task<RequestBody> Read(HttpContext context)
    {
        var request = context.Request;
        var max = Limits.MaxBodyBytes;
        if (request.ContentLength > max)
        {
            return Refuse(TooLarge($"The body declares {request.ContentLength} bytes; this gateway accepts at most {max} (Twin:Ingest:MaxBodyBytes)."));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Our own limit applies (to the inflated body); the server's default must not cut in first.
            size.MaxRequestBodySize = Math.Max(max, size.MaxRequestBodySize ?? 0);
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(Limits.BodyReadTimeoutSeconds));
        Stream? inflating = encoding switch
        {
            "" or "identity" or "snappy" => null,
            "gzip" or "x-gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => Stream.Null,
        };
        if (inflating == Stream.Null)
        {
            return Refuse(Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content encoding",
                detail: $"Content-Encoding '{encoding}' is not supported; send the body plain, gzip, deflate or snappy."));
        }

        await using var _ = inflating;
        var source = inflating ?? request.Body;
        // One more byte than the limit is room enough to tell that a body is over it.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(max + 1, request.ContentLength is > 0 and var n && inflating is null ? n + 1 : 64 * 1024));
        var length = 0;
        var done = false;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(max + 1, 2L * buffer.Length));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                // WaitAsync: a body stream that ignores cancellation must not hold the request past the deadline.
                var read = await source.ReadAsync(buffer.AsMemory(length), timeout.Token).AsTask().WaitAsync(timeout.Token);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    return Refuse(TooLarge(inflating is null
                        ? $"The body is larger than the {max} bytes this gateway accepts (Twin:Ingest:MaxBodyBytes)."
                        : $"The body inflates to more than the {max} bytes this gateway accepts (Twin:Ingest:MaxBodyBytes)."));
                }
            }

            done = true;
            return encoding == "snappy" ? Unsnappy(buffer, length, max) : RequestBody.Of(buffer, length);
        }
        catch (InvalidDataException)
        {
            return Refuse(TwinResults.BadRequest($"The body is not valid {encoding} data."));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            return Refuse(Results.Problem(statusCode: StatusCodes.Status408RequestTimeout, title: "Request timeout",
                detail: $"The body was not sent within {Limits.BodyReadTimeoutSeconds:0.#} s (Twin:Ingest:BodyReadTimeoutSeconds)."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(TooLarge($"The body is larger than the server accepts: {e.Message}"));
        }
        finally
        {
            if (!done)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>A snappy block inflated into a pooled buffer of its declared length; the compressed one goes back to the pool.</summary>
    private static RequestBody Unsnappy(byte[] compressed, int length, long max)
    {
        try
        {
            var inflation = SnappyBlock.Inflate(compressed.AsSpan(0, length), max);
            return inflation.Ok
                ? RequestBody.Of(inflation.Buffer!, inflation.Length)
                : Refuse(inflation.IsTooLarge
                    ? TooLarge($"The body inflates to {inflation.DeclaredBytes} bytes, more than the {max} this gateway accepts (Twin:Ingest:MaxBodyBytes).")
                    : TwinResults.BadRequest("The body is not valid snappy data (remote write sends the block format, not the framed one)."));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    private static RequestBody Refuse(IResult result) => RequestBody.Refused(result);

    private static IResult TooLarge(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: detail);
}
