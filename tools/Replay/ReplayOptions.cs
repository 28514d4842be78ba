using System.Globalization;

namespace TokenFactoryTwin.Replay;

/// <summary>The command line: <c>replay &lt;file&gt; [--gateway URL] [--host NAME] [--endpoint NAME] [--rate PER_SECOND] [--count N] [--key KEY]</c>.</summary>
public sealed record ReplayOptions(string File, Uri Gateway, string? Host, string? Endpoint, double Rate, int Count, string? Key)
{
    public const string Usage = """
        usage: replay <capture.prom | nvidia-smi.csv> [options]
          --gateway URL     the gateway (default http://127.0.0.1:5080)
          --host NAME       the host the capture comes from (required for nvidia-smi CSV; for an inference server's scrape, the host whose GPUs share its tokens)
          --endpoint NAME   a registered inference endpoint the scrape comes from
          --rate N          sends per second (default 1)
          --count N         how many sends (default: once through a CSV, 10 for Prometheus text)
          --key KEY         an API key with the ingest role (or set TWIN_API_KEY)
        """;

    public static ReplayOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("name a capture file");
        }

        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var rate = double.Parse(Value("--rate") ?? "1", CultureInfo.InvariantCulture);
        if (!(rate > 0) || !double.IsFinite(rate))
        {
            throw new ArgumentException("--rate must be a positive number");
        }

        return new ReplayOptions(
            args[0],
            new Uri(Value("--gateway") ?? "http://127.0.0.1:5080"),
            Value("--host"),
            Value("--endpoint"),
            rate,
            int.Parse(Value("--count") ?? "0", CultureInfo.InvariantCulture),
            Value("--key") ?? Environment.GetEnvironmentVariable("TWIN_API_KEY"));
    }
}
