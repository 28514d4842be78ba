namespace TokenFactoryTwin.Domain.Performance.Calibration;

/// <summary>
/// One published figure the model is fitted to: a point of a published curve (tokens/s per GPU at an interactivity),
/// or a phase figure of a disaggregated deployment (decode-only output or prefill-only input tokens/s per GPU at the
/// largest batch). <see cref="Group"/> is the curve it belongs to: cross-validation leaves out a whole group at once.
/// </summary>
public sealed record CalibrationTarget(
    string Group,
    string Label,
    ThroughputQuery Query,
    CalibrationKind Kind,
    double? Interactivity,
    double Published);
