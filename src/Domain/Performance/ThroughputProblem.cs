namespace TokenFactoryTwin.Domain.Performance;

/// <summary>Why a throughput question has no answer: 400 for a malformed or unknown input, 422 for one the hardware cannot serve.</summary>
public sealed record ThroughputProblem(int Status, string Field, string Reason)
{
    public const int Invalid = 400;
    public const int Unservable = 422;
}
