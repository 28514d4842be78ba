namespace TokenFactoryTwin.Domain.Power;

/// <summary>
/// A power node's load from its sources, now and with its partner side lost; how many sources it holds and how many
/// of them are stale; when the oldest fresh reading in the load was taken (null while none is fresh); and the node's
/// height in the power tree: 1 when fed by racks only (or by nothing yet), one more than its highest source above that.
/// </summary>
public readonly record struct PowerNodeSum(
    double LoadKw, double LoadIfPartnerLostKw, int Sources, int StaleSources, DateTimeOffset? LoadAsOf, int Height);
