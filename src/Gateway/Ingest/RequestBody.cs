namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>A write's body, read in full and decompressed, or the answer to give instead.</summary>
public readonly record struct RequestBody(ReadOnlyMemory<byte> Bytes, IResult? Refusal)
{
    public bool Ok => Refusal is null;
}
