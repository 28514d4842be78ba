namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>A rack as <c>GET /api/racks</c> lists it, with the power nodes its cords are on (B is null for one cord).</summary>
public sealed record RackView(
    string Id,
    string Hall,
    string RackType,
    string Gpu,
    int Gpus,
    int GpusReporting,
    int Row,
    int Position,
    string Source,
    bool Virtual,
    bool Stale,
    double TokensPerSecond,
    double OutputTokensPerSecond,
    double ItPowerKw,
    double ProvisionedPowerKw,
    double Utilization,
    double MaxTemperatureC,
    double TokensPerKw,
    DateTimeOffset AsOf,
    double RunningRequests = 0,
    int GpusCapBinding = 0,
    int GpusCapNotApplied = 0,
    string? PowerA = null,
    string? PowerB = null)
{
    public static RackView From(Abstractions.Kpis.RackSnapshot r) => new(
        r.RackId, r.Hall, r.RackType, r.Gpu, r.Gpus, r.GpusReporting, r.Row, r.Position, r.Source, r.Virtual, r.Stale,
        r.TokensPerSecond, r.OutputTokensPerSecond, r.ItPowerKw, r.ProvisionedPowerKw, r.Utilization, r.MaxTemperatureC,
        r.ItPowerKw > 0 ? r.TokensPerSecond / r.ItPowerKw : 0, r.AsOf, r.RunningRequests, r.GpusCapBinding, r.GpusCapNotApplied,
        r.Cords?.PowerA, r.Cords?.PowerB);
}
