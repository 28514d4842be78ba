namespace TokenFactoryTwin.Domain.Performance.Calibration;

/// <summary>What a calibration figure measures.</summary>
public enum CalibrationKind
{
    /// <summary>Input + output tokens/s per GPU of a whole service at an interactivity.</summary>
    ServicePoint,

    /// <summary>Output tokens/s per decode GPU of a disaggregated deployment at its largest batch.</summary>
    DecodePhase,

    /// <summary>Input tokens/s per prefill GPU of a disaggregated deployment.</summary>
    PrefillPhase,
}
