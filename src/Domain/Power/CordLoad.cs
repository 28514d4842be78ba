namespace TokenFactoryTwin.Domain.Power;

/// <summary>What one rack cord puts on its power node: now, and if the partner cord's side were lost.</summary>
public readonly record struct CordLoad(double LoadKw, double LoadIfPartnerLostKw);
