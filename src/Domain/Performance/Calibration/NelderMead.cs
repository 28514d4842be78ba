namespace TokenFactoryTwin.Domain.Performance.Calibration;

/// <summary>
/// Nelder–Mead simplex minimisation: derivative-free, which suits an objective built from a search over discrete
/// configurations (it has kinks wherever the best configuration changes).
/// </summary>
public static class NelderMead
{
    public static double[] Minimize(Func<double[], double> objective, double[] start, double step, int maxEvaluations)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            simplex[i + 1] = (double[])start.Clone();
            simplex[i + 1][i] += step;
        }

        var evaluations = 0;
        for (var i = 0; i <= n; i++)
        {
            values[i] = objective(simplex[i]);
            evaluations++;
        }

        while (evaluations < maxEvaluations)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            simplex = order.Select(i => simplex[i]).ToArray();
            values = order.Select(i => values[i]).ToArray();
            if (values[n] - values[0] < 1e-9)
            {
                break;
            }

            var centroid = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += simplex[i][j] / n;
                }
            }

            var reflected = Along(centroid, simplex[n], -1);
            var fr = objective(reflected);
            evaluations++;
            if (fr < values[0])
            {
                var expanded = Along(centroid, simplex[n], -2);
                var fe = objective(expanded);
                evaluations++;
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (simplex[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = Along(centroid, simplex[n], fr < values[n] ? -0.5 : 0.5);
                var fc = objective(contracted);
                evaluations++;
                if (fc < Math.Min(fr, values[n]))
                {
                    (simplex[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        simplex[i] = Along(simplex[0], simplex[i], 0.5);
                        values[i] = objective(simplex[i]);
                        evaluations++;
                    }
                }
            }
        }

        return simplex[Enumerable.Range(0, n + 1).MinBy(i => values[i])];
    }

    /// <summary>centroid + t × (point − centroid).</summary>
    private static double[] Along(double[] centroid, double[] point, double t) =>
        centroid.Select((c, j) => c + t * (point[j] - c)).ToArray();
}
