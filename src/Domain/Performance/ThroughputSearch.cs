namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// Best configurations: the Pareto front of tokens/s per GPU against interactivity over every layout and concurrency
/// the hardware allows (what InferenceX plots), and the best configuration at one interactivity.
/// </summary>
public static class ThroughputSearch
{
    /// <summary>Concurrencies tried per configuration when drawing a front, log-spaced from 1 to the memory limit.</summary>
    public const int ConcurrencySteps = 40;

    private const int BisectionSteps = 40;

    public static IReadOnlyList<InstanceModel> Instances(ThroughputQuery query, PerformanceCalibration calibration) =>
        ConfigurationSpace.For(query.Model, query.Gpu, query.Precision, query.Speculative, query.Disaggregated)
            .Select(c => new InstanceModel(query.Model, query.Gpu, c, query.Workload, calibration))
            .Where(i => i.Fits)
            .ToList();

    /// <summary>The front, by rising interactivity; each point the best throughput at that interactivity or above.</summary>
    public static IReadOnlyList<OperatingEstimate> Front(ThroughputQuery query, PerformanceCalibration calibration)
    {
        var candidates = new List<OperatingEstimate>();
        foreach (var instance in Instances(query, calibration))
        {
            var max = (double)instance.MaxBatch;
            var steps = Math.Min(ConcurrencySteps, instance.MaxBatch);
            for (var i = 0; i < steps; i++)
            {
                var concurrency = steps == 1 ? 1 : Math.Exp(Math.Log(max) * i / (steps - 1));
                candidates.Add(instance.Evaluate(Math.Round(concurrency, 2)));
            }
        }

        // Sweep from the most interactive point down, keeping each point that beats every more interactive one.
        var front = new List<OperatingEstimate>();
        var best = 0.0;
        foreach (var point in candidates.OrderByDescending(c => c.Interactivity))
        {
            if (point.TokensPerGpuPerSecond > best)
            {
                best = point.TokensPerGpuPerSecond;
                front.Add(point);
            }
        }

        front.Reverse();
        return front;
    }

    /// <summary>
    /// The configuration and concurrency giving the most tokens/s per GPU at <paramref name="interactivity"/> tokens/s
    /// per user or faster; null when no configuration reaches it.
    /// </summary>
    public static OperatingEstimate? At(ThroughputQuery query, double interactivity, PerformanceCalibration calibration) =>
        At(Instances(query, calibration), interactivity);

    public static OperatingEstimate? At(IReadOnlyList<InstanceModel> instances, double interactivity)
    {
        var targetMs = 1000 / interactivity;
        OperatingEstimate? best = null;
        foreach (var instance in instances)
        {
            if (instance.TpotMs(1) > targetMs)
            {
                continue;
            }

            // Time per token rises with concurrency: bisect (in log space) for the largest concurrency within target.
            double lo = 0, hi = Math.Log(instance.MaxBatch);
            if (instance.TpotMs(instance.MaxBatch) > targetMs)
            {
                for (var i = 0; i < BisectionSteps && hi - lo > 1e-4; i++)
                {
                    var mid = (lo + hi) / 2;
                    if (instance.TpotMs(Math.Exp(mid)) <= targetMs)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                hi = lo;
            }

            var estimate = instance.Evaluate(Math.Exp(hi));
            if (best is null || estimate.TokensPerGpuPerSecond > best.TokensPerGpuPerSecond)
            {
                best = estimate;
            }
        }

        return best;
    }

    /// <summary>The fastest any configuration serves one user (tokens/s per user at concurrency 1).</summary>
    public static double MaxInteractivity(ThroughputQuery query, PerformanceCalibration calibration) =>
        Instances(query, calibration).Select(i => 1000 / i.TpotMs(1)).DefaultIfEmpty(0).Max();
}
