using System.Globalization;

namespace TokenFactoryTwin.Tests.Shared;

/// <summary>Inference-server captures as a later scrape would read them: counters set and every reading stamped.</summary>
public static class ServerScrapes
{
    /// <summary>The capture with its token counters set to the given values and stamped with a time, as a later scrape would read.</summary>
    /// <param name="prefix">The server's metric prefix: <c>sglang</c> or <c>vllm</c>.</param>
    public static string Stamp(string capture, string prefix, double prompt, double generation, long ms)
    {
        var lines = capture.Split('\n').Select(line =>
            line.StartsWith($"{prefix}:prompt_tokens_total{{", StringComparison.Ordinal) ? Replace(line, prompt, ms)
            : line.StartsWith($"{prefix}:generation_tokens_total{{", StringComparison.Ordinal) ? Replace(line, generation, ms)
            : line.StartsWith(RunningGauge(prefix), StringComparison.Ordinal) ? Replace(line, Value(line), ms)
            : line);
        return string.Join('\n', lines);
    }

    /// <summary>The running-requests gauge a server exports beside its counters; one scrape stamps them all alike.</summary>
    private static string RunningGauge(string prefix) => prefix == "sglang" ? "sglang:num_running_reqs{" : $"{prefix}:num_requests_running{{";

    private static double Value(string line) => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private static string Replace(string line, double value, long ms) =>
        $"{line[..line.LastIndexOf('}')]}}} {value.ToString("R", CultureInfo.InvariantCulture)} {ms}";
}
