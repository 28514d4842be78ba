namespace TokenFactoryTwin.Domain.Performance.Calibration;

/// <summary>A figure predicted by a fit that never saw its curve; <see cref="Predicted"/> is null when nothing reached it.</summary>
public sealed record HeldOutPrediction(CalibrationTarget Target, double? Predicted)
{
    /// <summary>|predicted − published| / published, in percent; a miss counts as 100 %.</summary>
    public double ErrorPercent => Predicted is { } p ? Math.Abs(p - Target.Published) / Target.Published * 100 : 100;
}
