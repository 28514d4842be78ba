namespace TokenFactoryTwin.Domain.Performance;

/// <summary>The seconds one pipeline stage spends on each term of a forward step.</summary>
public readonly record struct StepTerms(double WeightsMemory, double KvMemory, double Compute, double ScaleUp, double ScaleOut, double FixedLatency)
{
    public double Total => WeightsMemory + KvMemory + Compute + ScaleUp + ScaleOut + FixedLatency;

    public StepBound Bound
    {
        get
        {
            var (bound, most) = (StepBound.WeightsMemory, WeightsMemory);
            Consider(StepBound.KvMemory, KvMemory);
            Consider(StepBound.Compute, Compute);
            Consider(StepBound.ScaleUp, ScaleUp);
            Consider(StepBound.ScaleOut, ScaleOut);
            Consider(StepBound.FixedLatency, FixedLatency);
            return bound;

            void Consider(StepBound candidate, double seconds)
            {
                if (seconds > most)
                {
                    (bound, most) = (candidate, seconds);
                }
            }
        }
    }
}
