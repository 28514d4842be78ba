using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace TokenFactoryTwin.FaultTests.Fuzzing;

/// <summary>
/// Turns a route of the corpus into a hostile request: its body bit-flipped, truncated, spliced, stuffed with huge or
/// non-finite numbers; its content type and encoding wrong or lying (gzip that is not gzip); its method, path and
/// query mangled. Seeded, so a failing run can be replayed exactly.
/// </summary>
public sealed class RequestMutator(FuzzCorpus corpus, int seed, string scenarioId)
{
    private static readonly string[] ContentTypes =
        ["text/plain", "application/json", "application/x-protobuf", "application/openmetrics-text; version=1.0.0", "text/plain; charset=utf-16",
         "multipart/form-data; boundary=x", "application/json; charset=bogus", "*/*", "", "\u00ff\u00fe"];

    private static readonly string[] Encodings = ["gzip", "deflate", "br", "snappy", "identity", "gzip, gzip", "x-unknown"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] Numbers = ["NaN", "-Inf", "+Inf", "1e308", "-1e308", "1e999", "-0", "9223372036854775808", "0x1F", "1_000", "", "\"\"", "null", "[]", "{}"];

    private static readonly string[] PathJunk =
        ["/", "//", "/..", "/%2e%2e/%2e%2e", "/%00", "/%ff", "/\u00e9", "?", "??", "#", ";", "/" + new string('a', 9000), "/{}", "/ /", "%"];

    private readonly Random _random = new(seed);

    public HttpRequestMessage Next()
    {
        var route = corpus.Routes[_random.Next(corpus.Routes.Count)];
        var method = _random.Next(10) == 0 ? Methods[_random.Next(Methods.Length)] : route.Method;
        var request = new HttpRequestMessage(new HttpMethod(method), MutatePath(route.Path.Replace("{scenario}", scenarioId, StringComparison.Ordinal)));
        if (route.Bodies.Count > 0 && method is not "GET" and not "HEAD")
        {
            var body = Mutate(route.Bodies[_random.Next(route.Bodies.Count)], route.Bodies);
            var (bytes, encoding) = Encode(body);
            var content = new ByteArrayContent(bytes);
            var type = _random.Next(4) == 0 ? ContentTypes[_random.Next(ContentTypes.Length)] : route.ContentType;
            if (type is { Length: > 0 })
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            if (encoding is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
            }

            request.Content = content;
        }

        if (_random.Next(20) == 0)
        {
            request.Headers.TryAddWithoutValidation("If-Match", _random.Next(2) == 0 ? "\"not-an-etag\"" : "garbage\u0001");
        }

        return request;
    }

    private string MutatePath(string path)
    {
        if (_random.Next(4) != 0)
        {
            return path;
        }

        return _random.Next(4) switch
        {
            0 => path + PathJunk[_random.Next(PathJunk.Length)],
            1 => path[..Math.Max(1, _random.Next(path.Length))],
            2 => path.Replace('=', _random.Next(2) == 0 ? '&' : '\u2603'),
            _ => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"{RandomWord()}={Numbers[_random.Next(Numbers.Length)]}",
        };
    }

    private byte[] Mutate(byte[] seed, IReadOnlyList<byte[]> others)
    {
        var bytes = new List<byte>(seed);
        var rounds = 1 + _random.Next(8);
        for (var i = 0; i < rounds && bytes.Count > 0; i++)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(8))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + _random.Next(64)));
                    break;
                case 2:
                    bytes.InsertRange(at, Enumerable.Range(0, 1 + _random.Next(16)).Select(_ => (byte)_random.Next(256)));
                    break;
                case 3:
                    var length = Math.Min(bytes.Count - at, 1 + _random.Next(256));
                    var chunk = bytes.GetRange(at, length);
                    for (var r = _random.Next(1, 50); r > 0; r--)
                    {
                        bytes.InsertRange(at, chunk);
                    }

                    break;
                case 4:
                    var other = others[_random.Next(others.Count)];
                    var from = _random.Next(other.Length);
                    bytes.InsertRange(at, other.Skip(from).Take(1 + _random.Next(512)));
                    break;
                case 5:
                    ReplaceNumber(bytes, at);
                    break;
                case 6:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    // Half a UTF-16 surrogate pair as a JSON escape: the JSON readers throw on it only when they decode
                    // the string (the coverage-guided fuzzer found it answered 500 on the native route).
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(_random.Next(5) switch { 0 => "\"", 1 => "{", 2 => "\\ud800", 3 => "\\udc00", _ => "\n" }));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Replaces the number nearest <paramref name="at"/> with a huge, negative, non-finite or not-a-number one.</summary>
    private void ReplaceNumber(List<byte> bytes, int at)
    {
        var start = bytes.FindIndex(at, b => b is >= (byte)'0' and <= (byte)'9');
        if (start < 0)
        {
            return;
        }

        var end = start;
        while (end < bytes.Count && (char)bytes[end] is >= '0' and <= '9' or '.' or 'e' or '-')
        {
            end++;
        }

        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.UTF8.GetBytes(Numbers[_random.Next(Numbers.Length)]));
    }

    private (byte[] Bytes, string? Encoding) Encode(byte[] body)
    {
        switch (_random.Next(8))
        {
            case 0:
                return (Gzip(body), "gzip");
            case 1:
                return (body, Encodings[_random.Next(Encodings.Length)]); // says compressed, is not
            case 2:
                var gzip = Gzip(body); // empty for an empty body: .NET writes no gzip header for no data
                return (gzip[..(gzip.Length == 0 ? 0 : 1 + _random.Next(gzip.Length - 1))], "gzip"); // cut short
            default:
                return (body, null);
        }
    }

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }

    private string RandomWord() => new(Enumerable.Range(0, 1 + _random.Next(12)).Select(_ => (char)('a' + _random.Next(26))).ToArray());
}
