namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// The layouts a search tries for a model on a GPU: replicas of 1 to 72 GPUs (powers of two, and the whole NVL72
/// domain); dense models tensor-parallel inside the scale-up domain and pipelined across domains; mixture-of-experts
/// models with tensor-parallel or data-parallel attention and experts spread over every GPU (no pipeline: the
/// engines that serve large MoE models do not pipeline them); each
/// aggregated and disaggregated; with 1 to 3 drafted tokens when speculative decoding is on.
/// </summary>
public static class ConfigurationSpace
{
    private static readonly int[] ReplicaSizes = [1, 2, 4, 8, 16, 32, 64, 72];

    public static IEnumerable<ServingConfiguration> For(ModelProfile model, HardwareProfile gpu, PrecisionPlan plan, bool speculative,
        bool? disaggregated = null)
    {
        var drafts = speculative ? new[] { 1, 2, 3 } : [0];
        var modes = disaggregated is { } only ? new[] { only } : [false, true];
        foreach (var gpus in ReplicaSizes)
        {
            if (gpus == 72 && gpu.ScaleUpDomain < 72)
            {
                continue;
            }

            foreach (var (tp, pp, dpAttention) in Layouts(model, gpu, gpus))
            {
                foreach (var disaggregate in modes)
                {
                    foreach (var draft in drafts)
                    {
                        yield return new ServingConfiguration(gpus, tp, pp, dpAttention, model.IsMixtureOfExperts ? tp * (dpAttention ? gpus / (tp * pp) : 1) : 1,
                            disaggregate, draft, plan);
                    }
                }
            }
        }
    }

    private static IEnumerable<(int Tp, int Pp, bool DpAttention)> Layouts(ModelProfile model, HardwareProfile gpu, int gpus)
    {
        if (!model.IsMixtureOfExperts)
        {
            var tp = Math.Min(gpus, gpu.ScaleUpDomain);
            if (gpus % tp == 0)
            {
                yield return (tp, gpus / tp, false);
            }

            yield break;
        }

        // Mixture-of-experts engines (SGLang, TensorRT-LLM, vLLM's wide-EP) spread experts over every GPU and run
        // attention tensor-parallel (across nodes too, as DeepSeek-R1 on two HGX H100 boxes runs TP16) or data-parallel.
        yield return (gpus, 1, false);
        if (gpus > 1)
        {
            yield return (1, 1, true);
        }
    }
}
