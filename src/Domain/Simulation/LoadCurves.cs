using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Simulation;

/// <summary>Builds the load curve a facility file describes.</summary>
public static class LoadCurves
{
    /// <summary>What a rack with no load curve follows: the defaults of <see cref="LoadCurveSpec"/>.</summary>
    private static readonly LoadCurveSpec Unspecified = new();

    public static ILoadCurve From(LoadCurveSpec? spec) => spec?.Kind switch
    {
        null => new ConstantLoadCurve(Unspecified.Level),
        LoadCurveKinds.Constant => new ConstantLoadCurve(spec.Level),
        LoadCurveKinds.Diurnal => new DiurnalLoadCurve(spec.Min, spec.Max, spec.PeakHourUtc),
        LoadCurveKinds.Trace => new TraceLoadCurve(TraceLibrary.Get(spec.Trace ?? TraceLibrary.Names[0]), spec.Max),
        _ => throw new ArgumentException($"Unknown load curve kind '{spec.Kind}'; known: {string.Join(", ", LoadCurveKinds.All)}."),
    };
}
