namespace TokenFactoryTwin.Gateway.Carbon;

/// <summary>
/// The answer of <c>GET /api/carbon</c>: the grid's intensity now and where it comes from (<c>hourly</c>,
/// <c>constant</c>, or <c>none</c> when the facility file sets none), the facility's and each hall's figures, and the history.
/// </summary>
public sealed record CarbonView(
    DateTimeOffset AsOf,
    double? GramsPerKwh,
    string Source,
    CarbonFigures Facility,
    IReadOnlyList<CarbonFigures> Halls,
    IReadOnlyList<CarbonPoint> History);
