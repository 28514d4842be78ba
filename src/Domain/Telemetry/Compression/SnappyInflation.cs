namespace TokenFactoryTwin.Domain.Telemetry.Compression;

/// <summary>What <see cref="SnappyBlock.Inflate"/> made of a block: the inflated bytes, or why there are none.</summary>
/// <param name="Buffer">The inflated bytes (rented from the shared pool), or null when refused.</param>
/// <param name="Length">How many bytes of <paramref name="Buffer"/> hold the inflated block.</param>
/// <param name="DeclaredBytes">The inflated length the block declared, when that is what it was refused for.</param>
public readonly record struct SnappyInflation(byte[]? Buffer, int Length, long? DeclaredBytes)
{
    public static SnappyInflation Invalid { get; } = new(null, 0, null);

    public bool Ok => Buffer is not null;

    public bool IsTooLarge => DeclaredBytes is not null;

    public static SnappyInflation Of(byte[] buffer, int length) => new(buffer, length, null);

    public static SnappyInflation TooLarge(long declaredBytes) => new(null, 0, declaredBytes);
}
