namespace TokenFactoryTwin.Domain.Performance.Calibration;

/// <summary>What the model predicts for a calibration figure under a calibration.</summary>
public static class CalibrationPredictor
{
    /// <summary>The prediction, or null when no configuration reaches the figure's interactivity.</summary>
    public static double? Predict(CalibrationTarget target, PerformanceCalibration calibration)
    {
        var instances = ThroughputSearch.Instances(target.Query, calibration);
        return target.Kind switch
        {
            CalibrationKind.ServicePoint => ThroughputSearch.At(instances, target.Interactivity!.Value)?.TokensPerGpuPerSecond,
            CalibrationKind.DecodePhase => instances.Select(i => i.DecodeOnlyOutputPerGpuAtMaxBatch()).DefaultIfEmpty().Max(),
            _ => instances.Select(i => i.PrefillTokensPerGpuPerSecond).DefaultIfEmpty().Max(),
        };
    }
}
