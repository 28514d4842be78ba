using System.Globalization;

namespace TokenFactoryTwin.LoadGen;

/// <summary>
/// Starting before the twin (<c>--launch-file PATH</c>): exporters that were running when the twin starts are warm, so
/// the generator stands for them only once it is too. It reads its racks and writes its first bodies (so its own code
/// is compiled), writes <c>PATH.ready</c>, and waits for <c>PATH</c>: one line, <c>launchedMs siloPid gatewayPid</c>,
/// which <c>run.sh</c> writes as it launches the twin. Otherwise the generator's own start (reading a 16 MB facility
/// file, compiling its code) would run on the same cores in the twin's first seconds and be timed as the twin's.
/// </summary>
public static class TwinLaunch
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    /// <returns>The options with the launch's time and the twin's process ids.</returns>
    public static async Task<LoadOptions> ReadyThenWait(LoadOptions options, string launchFile)
    {
        await File.WriteAllTextAsync(launchFile + ".ready", "");
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(launchFile))
        {
            if (waiting.Elapsed > MaxWait)
            {
                throw new TimeoutException($"{launchFile} was not written within {MaxWait.TotalMinutes} minutes: the twin was not launched");
            }

            await Task.Delay(5);
        }

        var fields = (await File.ReadAllTextAsync(launchFile)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return fields.Length == 3
            ? options with
            {
                LaunchedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields[0], CultureInfo.InvariantCulture)),
                SiloPid = int.Parse(fields[1], CultureInfo.InvariantCulture),
                GatewayPid = int.Parse(fields[2], CultureInfo.InvariantCulture),
            }
            : throw new FormatException($"{launchFile} should hold 'launchedMs siloPid gatewayPid'");
    }
}
