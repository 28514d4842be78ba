namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>Where a parser puts the labels of a series as it reads them, so it need not build a list it throws away.</summary>
public interface ILabelSink
{
    /// <summary>A label of the series; the spans are good while the parser's call lasts.</summary>
    void Offer(ReadOnlySpan<char> key, ReadOnlySpan<char> value);
}
