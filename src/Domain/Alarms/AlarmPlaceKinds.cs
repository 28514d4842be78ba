namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>Where on the operators' screen an alarm points: a rack on the floor plan or a node of the power path.</summary>
public static class AlarmPlaceKinds
{
    public const string Rack = "rack";

    public const string PowerNode = "power";
}
