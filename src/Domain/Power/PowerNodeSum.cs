namespace TokenFactoryTwin.Domain.Power;

/// <summary>
/// A power node's load from its sources, now and with its partner side lost; how many sources it holds and how many
/// of them are stale; and when the oldest fresh reading in the load was taken (null while none is fresh).
/// </summary>
public readonly record struct PowerNodeSum(double LoadKw, double LoadIfPartnerLostKw, int Sources, int StaleSources, DateTimeOffset? LoadAsOf);
