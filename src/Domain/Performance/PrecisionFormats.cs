namespace TokenFactoryTwin.Domain.Performance;

/// <summary>Names and sizes of the number formats.</summary>
public static class PrecisionFormats
{
    /// <summary>
    /// Bytes per value. FP4 counts its block scales: NVFP4 stores one FP8 scale per 16 values (4.5 bits), MXFP4 one
    /// E8M0 scale per 32 (4.25 bits); 4.5 bits is used for both.
    /// </summary>
    public static double Bytes(Precision precision) => precision switch
    {
        Precision.Bf16 => 2,
        Precision.Fp8 => 1,
        _ => 0.5625,
    };

    public static string Name(Precision precision) => precision switch
    {
        Precision.Bf16 => "bf16",
        Precision.Fp8 => "fp8",
        _ => "fp4",
    };

    public static Precision? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "bf16" or "fp16" => Precision.Bf16,
        "fp8" => Precision.Fp8,
        "fp4" or "nvfp4" or "mxfp4" => Precision.Fp4,
        _ => null,
    };

    public static IReadOnlyList<string> Names { get; } = ["bf16", "fp8", "fp4"];
}
