namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>Where a node sits on the power path, from the utility down to the rack cord.</summary>
public enum PowerNodeKind
{
    UtilityFeed = 0,
    Switchboard = 1,
    Ups = 2,
    Busway = 3,
    Pdu = 4,
}
