using System.Diagnostics;

namespace TokenFactoryTwin.Tests.Shared;

/// <summary>
/// A real child process with its output kept in a log file, stopped by PID: gracefully (SIGTERM), or killed
/// outright (SIGKILL, as <c>kill -9</c>) to simulate a crash.
/// </summary>
public sealed class ManagedProcess : IDisposable
{
    private readonly Process _process;
    private readonly object _logLock = new();
    private StreamWriter? _log;

    private ManagedProcess(Process process, string name, string logPath)
    {
        _process = process;
        Name = name;
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, $"{name}-{DateTime.UtcNow:HHmmssfff}.log");
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = logDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start.");
        var managed = new ManagedProcess(process, name, logPath);
        process.OutputDataReceived += (_, e) => managed.Append(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as when a machine dies.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM and a wait, then SIGKILL if it does not stop in time.</summary>
    public void Stop(TimeSpan? grace = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit(5_000);
        if (!_process.WaitForExit((int)(grace ?? TimeSpan.FromSeconds(15)).TotalMilliseconds))
        {
            Kill();
        }
    }

    public string Log()
    {
        lock (_logLock)
        {
            return File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";
        }
    }

    public void Dispose()
    {
        Kill();
        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }

        _process.Dispose();
    }

    // Output may still arrive after the process exits; it is kept until the log is closed, and dropped after.
    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log?.WriteLine(line);
        }
    }
}
