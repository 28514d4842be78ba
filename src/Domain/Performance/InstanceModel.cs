namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// The step-time roofline of one model replica in one configuration (docs/throughput-model.md has the equations).
/// A decode step of a pipeline stage costs, summed per operator group, the larger of its HBM traffic and its math
/// (non-expert weights, the experts the step's tokens touch, the KV cache), plus tensor-parallel all-reduces and
/// expert-parallel dispatch/combine over NVLink or the NIC, plus a fixed time per layer. Everything that does not
/// depend on the batch is computed once here, so a whole curve costs microseconds.
/// </summary>
public sealed class InstanceModel
{
    /// <summary>Share of HBM engines give the weights, the KV cache and workspace (vLLM and SGLang default to about 0.9).</summary>
    public const double UsableMemoryFraction = 0.9;

    /// <summary>Share of HBM kept for activations, CUDA graphs and fragmentation.</summary>
    public const double WorkspaceFraction = 0.04;

    /// <summary>Tokens a prefill rank processes per forward pass (chunked prefill; 8k is the common chunk).</summary>
    public const double PrefillChunkTokensPerRank = 8192;

    /// <summary>
    /// Achieved share of link bandwidth for all-to-all and all-reduce: DeepEP measured about 150 GB/s of H800's
    /// 400 GB/s NVLink inside a node and 40–58 GB/s of a 50 GB/s NIC across nodes.
    /// </summary>
    public const double ScaleUpLinkEfficiency = 0.4;

    public const double ScaleOutLinkEfficiency = 0.8;

    /// <summary>Token rows at which a GEMM reaches half its large-batch rate.</summary>
    public const double GemmHalfRateRows = 64;

    private readonly ModelProfile _model;
    private readonly HardwareProfile _gpu;
    private readonly ServingConfiguration _config;
    private readonly ServingWorkload _workload;
    private readonly FamilyEfficiency _efficiency;
    private readonly PerformanceCalibration _calibration;

    private readonly int _dpa;
    private readonly int _ep;
    private readonly double _stageLayers;
    private readonly double _stageMoeLayers;
    private readonly double _nonExpertBytesPerGpu;
    private readonly double _expertBytesPerGpu;
    private readonly double _kvShare;
    private readonly double _kvBytesPerSequenceAverage;
    private readonly double _acceptedPerStep;
    private readonly double _draftCostFactor;
    private readonly double _bandwidth;
    private readonly double _linearFlops;
    private readonly double _nonExpertFlops;
    private readonly double _attentionFlops;
    private readonly double _decodeAttentionPerToken;
    private readonly double _prefillAttentionPerToken;
    private readonly double _prefillGpuSecondsPerToken;
    private readonly double _prefillSeconds;

    public InstanceModel(ModelProfile model, HardwareProfile gpu, ServingConfiguration config, ServingWorkload workload, PerformanceCalibration calibration)
    {
        _model = model;
        _gpu = gpu;
        _config = config;
        _workload = workload;
        _calibration = calibration;
        _efficiency = calibration.For(gpu.Family);

        var (tp, pp) = (config.TensorParallel, config.PipelineParallel);
        _dpa = config.AttentionDataParallel;
        _ep = model.IsMixtureOfExperts ? tp * _dpa : 1;
        _stageLayers = (double)model.Layers / pp;
        _stageMoeLayers = (double)model.MoeLayers / pp;

        var plan = config.Precision;
        var nonExpertFormat = model.IsMixtureOfExperts ? plan.NonExpertWeights : plan.Weights;
        _nonExpertBytesPerGpu = model.NonExpertParams * PrecisionFormats.Bytes(nonExpertFormat) / (tp * pp);
        _expertBytesPerGpu = model.ExpertParams * PrecisionFormats.Bytes(plan.Weights) / (_ep * pp);

        // Where each GPU's KV lives: DP attention keeps whole sequences per rank; tensor-parallel attention splits KV
        // heads across ranks, except that MLA's single latent head (and GQA beyond its KV heads) is replicated.
        _kvShare = _dpa > 1 || tp == 1 ? 1 : model.LatentAttention ? 1 : 1.0 / Math.Min(tp, model.KvHeads);
        var free = gpu.HbmBytes * (UsableMemoryFraction - WorkspaceFraction) - _nonExpertBytesPerGpu - _expertBytesPerGpu;
        var kvPerSequenceFull = model.KvBytes(workload.InputTokens + workload.OutputTokens, plan.Kv) / pp * _kvShare;
        MaxBatch = free <= 0 ? 0 : (int)Math.Min(int.MaxValue / 2.0, Math.Floor(free / kvPerSequenceFull) * _dpa);
        _kvBytesPerSequenceAverage = model.KvBytes(workload.InputTokens + workload.OutputTokens / 2.0, plan.Kv) / pp * _kvShare;

        var draft = config.DraftTokens;
        var acceptance = workload.AcceptanceRate;
        _acceptedPerStep = 1;
        for (var i = 1; i <= draft; i++)
        {
            _acceptedPerStep += Math.Pow(acceptance, i);
        }

        // Each drafted token runs the MTP module (about one decoder layer) once more.
        _draftCostFactor = 1 + (double)draft / model.Layers;

        _bandwidth = gpu.HbmBytesPerSecond * _efficiency.MemoryEfficiency;
        _linearFlops = gpu.Flops(plan.Weights) * _efficiency.ComputeEfficiency;
        _nonExpertFlops = gpu.Flops(nonExpertFormat) * _efficiency.ComputeEfficiency;
        _attentionFlops = gpu.Flops(plan.Attention) * _efficiency.ComputeEfficiency;
        _decodeAttentionPerToken = model.DecodeAttentionFlopsPerContextToken
            * model.ContextLayers(workload.InputTokens + workload.OutputTokens / 2.0) / pp / tp;
        _prefillAttentionPerToken = model.PrefillAttentionFlopsPerContextToken * model.ContextLayers(workload.InputTokens / 2.0) / pp / tp;

        var chunk = PrefillChunkTokensPerRank * _dpa;
        _prefillGpuSecondsPerToken = config.Gpus * Stage(0, chunk).Total / chunk;
        _prefillSeconds = pp * Stage(0, workload.InputTokens).Total;
    }

    public ServingConfiguration Configuration => _config;

    /// <summary>The most sequences the replica's memory holds at full context (0 when its weights do not fit).</summary>
    public int MaxBatch { get; }

    public bool Fits => MaxBatch >= 1;

    /// <summary>Prefill-only input tokens/s per GPU, at full chunks: what a prefill pool of this layout sustains.</summary>
    public double PrefillTokensPerGpuPerSecond => 1 / _prefillGpuSecondsPerToken;

    /// <summary>Time per output token (ms) at a concurrency of <paramref name="concurrency"/> sequences on the replica.</summary>
    public double TpotMs(double concurrency)
    {
        var perStage = concurrency / _config.PipelineParallel;
        var prefill = _config.Disaggregated ? 0 : PrefillTokensPerStep(perStage);
        return StepSeconds(Stage(perStage, prefill), concurrency) * 1000;
    }

    public OperatingEstimate Evaluate(double concurrency)
    {
        var perStage = concurrency / _config.PipelineParallel;
        var prefill = _config.Disaggregated ? 0 : PrefillTokensPerStep(perStage);
        var terms = Stage(perStage, prefill);
        var tpot = StepSeconds(terms, concurrency);
        var output = concurrency / tpot;
        var total = output * (_workload.InputTokens + _workload.OutputTokens) / _workload.OutputTokens;
        var prefillGpus = _config.Disaggregated ? output / _workload.OutputTokens * _workload.InputTokens * _prefillGpuSecondsPerToken : 0;
        var gpus = _config.Gpus + prefillGpus;
        var ttft = _prefillSeconds + _calibration.StepOverheadMs / 1000
            + (_config.Disaggregated ? _model.KvBytes(_workload.InputTokens, _config.Precision.Kv) / _gpu.ScaleOutBytesPerSecond : tpot);
        return new OperatingEstimate(_config, concurrency, total / gpus, output / gpus, 1 / tpot, ttft * 1000, tpot * 1000, MaxBatch,
            terms.Bound, prefillGpus, _config.Gpus, terms);
    }

    /// <summary>Decode-only output tokens/s per GPU at the largest batch memory holds: what a decode pool sustains.</summary>
    public double DecodeOnlyOutputPerGpuAtMaxBatch()
    {
        var perStage = (double)MaxBatch / _config.PipelineParallel;
        return MaxBatch / StepSeconds(Stage(perStage, 0), MaxBatch) / _config.Gpus;
    }

    /// <summary>
    /// With prefill riding in the decode steps (chunked prefill), each step's sequences finish at
    /// accepted / output-tokens per step, and each finished one is replaced by a request whose input is prefilled.
    /// </summary>
    private double PrefillTokensPerStep(double sequences) =>
        sequences * _acceptedPerStep * _workload.InputTokens / _workload.OutputTokens;

    /// <summary>
    /// Seconds per accepted output token: the pipeline's stages, the fixed step overhead, and the per-sequence work of
    /// each rank's scheduler (batch bookkeeping, sampling, detokenisation), stretched by drafting and divided by the
    /// tokens a step accepts.
    /// </summary>
    private double StepSeconds(StepTerms stage, double concurrency) =>
        (_config.PipelineParallel * stage.Total + _calibration.StepOverheadMs / 1000 + concurrency / _dpa * _calibration.SequenceOverheadUs / 1e6)
        * _draftCostFactor / _acceptedPerStep;

    /// <summary>One pipeline stage's forward pass over <paramref name="sequences"/> decoding sequences and <paramref name="prefillTokens"/> prompt tokens.</summary>
    public StepTerms Stage(double sequences, double prefillTokens)
    {
        var decodeTokens = sequences * (1 + _config.DraftTokens);
        var tokens = decodeTokens + prefillTokens;
        var tp = _config.TensorParallel;
        double weights = 0, kv = 0, compute = 0;

        // Non-expert linear layers: each attention rank runs its own tokens through its (tensor-sliced) copy.
        var rankTokens = tokens / _dpa;
        AddRoofline(_nonExpertBytesPerGpu / _bandwidth,
            2 * _model.NonExpertParams / (tp * _config.PipelineParallel) * rankTokens / (_nonExpertFlops * TileUse(rankTokens)), ref weights, ref compute);

        if (_model.IsMixtureOfExperts)
        {
            // Distinct experts a step touches: each of E experts is missed by a token with probability 1 - k/E.
            var touched = 1 - Math.Pow(1 - (double)_model.TopK / _model.Experts, tokens);
            var tokensPerExpert = tokens * _model.TopK / (_model.Experts * touched);
            AddRoofline(_expertBytesPerGpu * touched / _bandwidth,
                2 * _model.ActiveExpertParams / _config.PipelineParallel * tokens / _ep / (_linearFlops * TileUse(tokensPerExpert)), ref weights, ref compute);
        }

        var attentionFlops = (decodeTokens * _decodeAttentionPerToken + prefillTokens * _prefillAttentionPerToken) / _dpa;
        AddRoofline(sequences / _dpa * _kvBytesPerSequenceAverage / _bandwidth, attentionFlops / _attentionFlops, ref kv, ref compute);

        double scaleUp = 0, scaleOut = 0;
        if (tp > 1)
        {
            // Two all-reduces per layer (after attention and after the MLP) of the rank group's activations in BF16.
            var bytes = 2.0 * (tp - 1) / tp * (tokens / _dpa) * _model.Hidden * 2;
            AddLink(tp, 2 * _stageLayers, bytes, ref scaleUp, ref scaleOut);
        }

        if (_model.IsMixtureOfExperts && _ep > 1)
        {
            // Dispatch (FP8) and combine (BF16) of each token to its top-k experts; the share bound for other GPUs leaves.
            var bytes = tokens / _ep * _model.TopK * _model.Hidden * 3.0 * (_ep - 1) / _ep;
            AddLink(_ep, 2 * _stageMoeLayers, bytes / 2, ref scaleUp, ref scaleOut);
        }

        if (_config.PipelineParallel > 1)
        {
            AddLink(_config.Gpus, 1, tokens * _model.Hidden * 2, ref scaleUp, ref scaleOut);
        }

        return new StepTerms(weights, kv, compute, scaleUp, scaleOut, _stageLayers * _efficiency.LayerLatencyUs / 1e6);
    }

    /// <summary>
    /// Share of tensor-core throughput a GEMM with <paramref name="rows"/> token rows reaches: tensor-core tiles are 64
    /// to 128 rows tall, so a skinny decode GEMM pays for rows it does not have (half the rate at 64 rows).
    /// </summary>
    private static double TileUse(double rows) => rows / (rows + GemmHalfRateRows);

    private static void AddRoofline(double memorySeconds, double computeSeconds, ref double memory, ref double compute)
    {
        if (memorySeconds >= computeSeconds)
        {
            memory += memorySeconds;
        }
        else
        {
            compute += computeSeconds;
        }
    }

    /// <summary>
    /// <paramref name="count"/> collectives among <paramref name="ranks"/> GPUs, each moving <paramref name="bytes"/>
    /// per GPU: over NVLink while the ranks fit one scale-up domain, else the share bound beyond it crosses the NIC.
    /// </summary>
    private void AddLink(int ranks, double count, double bytes, ref double scaleUp, ref double scaleOut)
    {
        // A collective's latency grows with the log of its ranks (tree and hierarchical algorithms; DeepEP's
        // low-latency dispatch takes about 2.5x longer at 256 ranks than at 8).
        var hops = Math.Log2(ranks);
        var domain = _gpu.ScaleUpDomain;
        if (ranks <= domain)
        {
            scaleUp += count * (hops * _calibration.ScaleUpLatencyUs / 1e6 + bytes / (_gpu.ScaleUpBytesPerSecond * ScaleUpLinkEfficiency));
            return;
        }

        var beyond = (double)(ranks - domain) / (ranks - 1);
        var inside = bytes * (1 - beyond) / (_gpu.ScaleUpBytesPerSecond * ScaleUpLinkEfficiency);
        var outside = bytes * beyond / (_gpu.ScaleOutBytesPerSecond * ScaleOutLinkEfficiency);
        scaleOut += count * (hops * _calibration.ScaleOutLatencyUs / 1e6 + Math.Max(inside, outside));
    }
}
