namespace TokenFactoryTwin.BrowserBench;

/// <summary>What one open page spent on live updates during a measurement window.</summary>
/// <param name="FrameHandlerMs">Per frame: parsing the JSON and redrawing everything, timed by the page.</param>
/// <param name="ScriptMsPerFrame">CDP ScriptDuration over the window, per frame.</param>
/// <param name="SectionMsPerFrame">Mean milliseconds per frame in each part of the page (parse, plan, power, …).</param>
/// <param name="TaskMsPerFrame">CDP TaskDuration (all main-thread work: script, style, layout, paint), per frame.</param>
public sealed record UpdateFigures(int Frames, double[] FrameHandlerMs, double ScriptMsPerFrame, double TaskMsPerFrame, double LayoutMsPerFrame, double HeapMb,
    IReadOnlyDictionary<string, double> SectionMsPerFrame);
