namespace TokenFactoryTwin.LoadGen;

/// <summary>CPU time and resident memory of another process, from Linux's /proc (the twin's silo and gateway).</summary>
public static class ProcStat
{
    // USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every mainstream Linux build.
    private const double TicksPerSecond = 100;

    public static double? CpuSeconds(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
    }

    public static long? RssBytes(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>The one process whose command line names <paramref name="assembly"/>, when exactly one does.</summary>
    public static int? Find(string assembly)
    {
        var found = Directory.EnumerateDirectories("/proc")
            .Select(d => Path.GetFileName(d))
            .Where(n => n.All(char.IsAsciiDigit))
            .Where(n =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{n}/cmdline").Contains(assembly, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .Select(int.Parse)
            .ToList();
        return found.Count == 1 ? found[0] : null;
    }
}
