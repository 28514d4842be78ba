using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance;

namespace TokenFactoryTwin.UnitTests.Performance;

public sealed class ThroughputModelTests
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;

    private static ResolvedThroughputQuery Query(string model, string gpu, string? precision = null, int isl = 1024, int osl = 1024, bool mtp = false)
    {
        var (query, problem) = Catalog.Throughput.Prepare(new ThroughputRequest(model, gpu, precision, isl, osl, mtp));
        Assert.Null(problem);
        return query!;
    }

    private static double At(string model, string gpu, double interactivity, string? precision = null, bool mtp = false, int isl = 1024, int osl = 1024) =>
        Catalog.Throughput.At(Query(model, gpu, precision, isl, osl, mtp), interactivity)!.TokensPerGpuPerSecond;

    [Fact]
    public void The_model_reads_the_architecture_from_the_catalog()
    {
        var deepSeek = new ModelProfile(Catalog.FindModel("deepseek-r1-0528")!);
        var llama = new ModelProfile(Catalog.FindModel("llama-3.3-70b")!);
        var gptOss = new ModelProfile(Catalog.FindModel("gpt-oss-120b")!);

        Assert.Equal(70272, deepSeek.KvBytes(1, Precision.Bf16)); // MLA: 61 layers x (512 + 64) x 2 bytes
        Assert.Equal(327680, llama.KvBytes(1, Precision.Bf16)); // GQA: 80 layers x 2 x 8 heads x 128 x 2 bytes
        Assert.InRange(deepSeek.ExpertParams, 654e9, 655e9); // 256 experts, top-8: (671 - 37) / (1 - 8/256)
        Assert.Equal(0, llama.ExpertParams);

        // gpt-oss: half its layers see at most a 128-token window, so a long context costs about half the full size.
        Assert.Equal(18 * 10_000 + 18 * 128, gptOss.ContextLayers(10_000));
    }

    [Theory]
    [InlineData("h100")]
    [InlineData("h200")]
    [InlineData("b200")]
    [InlineData("gb200")]
    [InlineData("gb300")]
    [InlineData("mi300x")]
    [InlineData("mi355x")]
    public void Every_catalog_model_gets_a_modelled_front_on_every_gpu(string gpu)
    {
        foreach (var model in Catalog.Models)
        {
            var front = Catalog.Throughput.Front(Query(model.Id, gpu, "fp8"));

            Assert.True(front.Count >= 5, $"{model.Id} on {gpu}: {front.Count} points");
            Assert.All(front, p => Assert.Equal(ResolvedOperatingPoint.Modelled, p.Source));
            Assert.All(front, p => Assert.NotNull(p.Configuration));
            for (var i = 1; i < front.Count; i++)
            {
                // A Pareto front: more interactivity always costs throughput.
                Assert.True(front[i].Interactivity > front[i - 1].Interactivity, $"{model.Id} on {gpu}: interactivity not rising at {i}");
                Assert.True(front[i].TokensPerGpuPerSecond < front[i - 1].TokensPerGpuPerSecond, $"{model.Id} on {gpu}: throughput not falling at {i}");
            }
        }
    }

    [Fact]
    public void The_best_point_at_an_interactivity_matches_the_front_and_meets_the_target()
    {
        var query = Query("llama-3.3-70b", "h200", "fp8");
        var point = Catalog.Throughput.At(query, 50)!;
        var front = Catalog.Throughput.Front(query);
        var bestOnFront = front.Where(p => p.Interactivity >= 50).Max(p => p.TokensPerGpuPerSecond);

        Assert.True(point.Interactivity >= 50 * 0.999, $"served at {point.Interactivity}");
        Assert.True(point.TpotMs <= 20.001, $"TPOT {point.TpotMs} ms");
        Assert.InRange(point.TokensPerGpuPerSecond, bestOnFront * 0.98, bestOnFront * 1.25); // the bisection finds at least the grid's best
        Assert.Equal(point.TokensPerGpuPerSecond / 2, point.OutputTokensPerGpuPerSecond, 6); // 1k in, 1k out
    }

    [Fact]
    public void Physics_moves_the_figures_the_right_way()
    {
        // More HBM bandwidth and capacity: H200 serves a memory-bound 70B faster than H100 at the same interactivity.
        Assert.True(At("llama-3.3-70b", "h200", 50, "fp8") > At("llama-3.3-70b", "h100", 50, "fp8"));

        // Narrower weights read less memory and run on faster tensor cores.
        Assert.True(At("deepseek-r1-0528", "gb300", 128, "fp4") > At("deepseek-r1-0528", "gb300", 128, "fp8"));

        // MTP accepts more than one token a step: more tokens at the same interactivity.
        Assert.True(At("deepseek-r1-0528", "gb300", 128, "fp4", mtp: true) > At("deepseek-r1-0528", "gb300", 128, "fp4"));

        // An NVL72 domain beats eight-GPU HGX boxes for a large MoE.
        Assert.True(At("deepseek-r1-0528", "gb200", 75, "fp8", isl: 8192) > At("deepseek-r1-0528", "b200", 75, "fp8", isl: 8192) * 0.9);

        // Long prompts cost prefill: 8k in, 1k out serves fewer output tokens than 1k/1k.
        var shortPrompts = Catalog.Throughput.At(Query("llama-3.3-70b", "b200", "fp8"), 50)!;
        var longPrompts = Catalog.Throughput.At(Query("llama-3.3-70b", "b200", "fp8", isl: 8192), 50)!;
        Assert.True(longPrompts.OutputTokensPerGpuPerSecond < shortPrompts.OutputTokensPerGpuPerSecond);
    }

    [Fact]
    public void What_the_hardware_cannot_do_is_refused_with_a_reason()
    {
        var (_, fp4OnHopper) = Catalog.Throughput.Prepare(new ThroughputRequest("deepseek-r1-0528", "h200", "fp4"));
        Assert.Equal(ThroughputProblem.Unservable, fp4OnHopper!.Status);
        Assert.Contains("fp4", fp4OnHopper.Reason);

        var (_, unknownModel) = Catalog.Throughput.Prepare(new ThroughputRequest("gpt-9", "h200"));
        Assert.Equal(ThroughputProblem.Invalid, unknownModel!.Status);
        Assert.Equal("model", unknownModel.Field);

        var (_, unknownPrecision) = Catalog.Throughput.Prepare(new ThroughputRequest("llama-3.3-70b", "h200", "int3"));
        Assert.Equal("precision", unknownPrecision!.Field);

        var (_, noTokens) = Catalog.Throughput.Prepare(new ThroughputRequest("llama-3.3-70b", "h200", InputTokens: 0));
        Assert.Equal("isl", noTokens!.Field);

        var query = Query("llama-3.1-405b", "h100");
        var fastest = Catalog.Throughput.MaxInteractivity(query);
        Assert.InRange(fastest, 5, 500);
        Assert.Null(Catalog.Throughput.At(query, fastest * 2));
    }

    [Fact]
    public void A_published_curve_answers_inside_its_measured_range_and_the_model_outside_it()
    {
        var query = Query("deepseek-r1-0528", "b200", "fp8", isl: 8192);

        var inside = Catalog.Throughput.At(query, 75)!;
        Assert.Equal(ResolvedOperatingPoint.Published, inside.Source);
        Assert.Equal(2557.7, inside.TokensPerGpuPerSecond, 6);
        Assert.StartsWith("ix-dsr1-fp8-8k1k-b200", inside.Reference);

        var outside = Catalog.Throughput.At(query, 200);
        Assert.True(outside is null || outside.Source == ResolvedOperatingPoint.Modelled);
        Assert.Equal(5, Catalog.Throughput.PublishedPoints(query).Count);
    }

    [Fact]
    public void A_memory_bound_decode_step_says_so_and_a_batch_that_memory_cannot_hold_is_not_offered()
    {
        var point = Catalog.Throughput.At(Query("llama-3.3-70b", "h200", "fp8"), 80)!;

        Assert.Equal("weights-memory", point.Bound);
        Assert.True(point.MaxBatch > 0);
        var front = Catalog.Throughput.Front(Query("llama-3.1-405b", "h100", "bf16"));
        Assert.All(front, p => Assert.True(p.Configuration!.DecodeGpus >= 16, "405B in BF16 needs 810 GB: more than one 8 x 80 GB box"));
    }
}
