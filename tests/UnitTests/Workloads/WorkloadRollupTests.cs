using CsCheck;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Workloads;

namespace TokenFactoryTwin.UnitTests.Workloads;

public sealed class WorkloadRollupTests
{
    [Fact]
    public void A_racks_GPUs_split_by_tenant_and_model_with_idle_and_unlabelled_lines_of_their_own()
    {
        var workloads = new RackWorkloads(5);
        workloads.Label(0, [new GpuWorkload("team-a", "vllm-0"), new GpuWorkload("team-a", "vllm-1"), null, new GpuWorkload("team-b"), null]);
        workloads.Serve([0, 1], "qwen");
        GpuFlow[] flows =
        [
            new(true, 100, 40, 500),  // team-a, qwen
            new(true, 50, 20, 300),   // team-a, qwen
            new(true, 20, 5, 200),    // tokens, no namespace and no model: unlabelled
            new(true, 0, 0, 100),     // labelled but producing nothing: idle
            default,                  // silent: idle
        ];
        // 1.1 kW of GPUs plus 0.4 kW for the rest of the rack, 0.1 kW per reporting GPU.
        var (tenants, models) = WorkloadRollup.Split(flows, workloads, rackItKw: 1.5);

        var a = tenants.Single(l => l.Name == "team-a");
        Assert.Equal((2, 150.0, 60.0), (a.Gpus, a.TokensPerSecond, a.OutputTokensPerSecond));
        Assert.Equal(0.8 + 0.2, a.ItPowerKw, 9);
        var unlabelled = tenants.Single(l => l.Name == WorkloadNames.Unlabelled);
        Assert.Equal((1, 20.0), (unlabelled.Gpus, unlabelled.TokensPerSecond));
        Assert.Equal(0.3, unlabelled.ItPowerKw, 9);
        var idle = tenants.Single(l => l.Name == WorkloadNames.Idle);
        Assert.Equal((2, 0.0), (idle.Gpus, idle.TokensPerSecond));
        Assert.Equal(0.2, idle.ItPowerKw, 9);
        Assert.DoesNotContain(tenants, l => l.Name == "team-b");
        Assert.Equal(["qwen", WorkloadNames.Unlabelled, WorkloadNames.Idle], models.OrderByDescending(l => l.TokensPerSecond).Select(l => l.Name));
        Assert.Equal(150, models.Single(l => l.Name == "qwen").TokensPerSecond);
    }

    [Fact]
    public void A_simulated_rack_serves_its_facility_files_model_on_every_GPU()
    {
        var workloads = new RackWorkloads(2) { SimulatedModel = "deepseek-r1-0528" };

        var (tenants, models) = WorkloadRollup.Split([new(true, 10, 5, 700), new(true, 12, 6, 700)], workloads, 1.6);

        Assert.Equal((WorkloadNames.Unlabelled, 2, 22.0), (tenants.Single().Name, tenants.Single().Gpus, tenants.Single().TokensPerSecond));
        Assert.Equal(("deepseek-r1-0528", 2), (models.Single().Name, models.Single().Gpus));
    }

    /// <summary>
    /// A rack whose producing GPUs all serve one tenant and one model gets one line each, with its GPUs' figures
    /// summed slot by slot to the last bit (as when the lines are summed by name), whatever the flows.
    /// </summary>
    [Fact]
    public void A_rack_serving_one_tenant_and_one_model_gets_one_line_each_summed_slot_by_slot()
    {
        var gpu = Gen.Select(Gen.Double[0.001, 1000], Gen.Double[0, 1200]);
        Gen.Select(gpu.Array[1, 72], Gen.Double[0, 30], Gen.Bool).Sample((gpus, restKw, labelled) =>
        {
            var workloads = new RackWorkloads(gpus.Length) { SimulatedModel = "deepseek-r1-0528" };
            if (labelled)
            {
                workloads.Label(0, [.. gpus.Select(_ => new GpuWorkload("team-a"))]);
            }

            var flows = gpus.Select(g => new GpuFlow(true, g.Item1, g.Item1 / 3, g.Item2)).ToArray();
            var gpuKw = 0.0;
            foreach (var flow in flows)
            {
                gpuKw += flow.PowerW / 1000;
            }

            var (tenants, models) = WorkloadRollup.Split(flows, workloads, gpuKw + restKw);

            var rest = (gpuKw + restKw - gpuKw) / flows.Length;
            double tokens = 0, output = 0, itKw = 0;
            foreach (var flow in flows)
            {
                (tokens, output, itKw) = (tokens + flow.TokensPerSecond, output + flow.OutputTokensPerSecond, itKw + (flow.PowerW / 1000 + rest));
            }

            Assert.Equal(new WorkloadLine(labelled ? "team-a" : WorkloadNames.Unlabelled, gpus.Length, tokens, output, itKw), Assert.Single(tenants));
            Assert.Equal(new WorkloadLine("deepseek-r1-0528", gpus.Length, tokens, output, itKw), Assert.Single(models));
        });
    }

    [Fact]
    public void A_rack_of_one_tenant_serving_two_models_gets_one_tenant_line_and_two_model_lines()
    {
        var workloads = new RackWorkloads(3);
        workloads.Label(0, [new GpuWorkload("team-a"), new GpuWorkload("team-a"), new GpuWorkload("team-a")]);
        workloads.Serve([0, 1], "qwen");
        workloads.Serve([2], "llama");

        var (tenants, models) = WorkloadRollup.Split([new(true, 10, 5, 500), new(true, 20, 8, 500), new(true, 30, 9, 500)], workloads, 1.8);

        var tenant = Assert.Single(tenants);
        Assert.Equal(("team-a", 3, 60.0, 22.0), (tenant.Name, tenant.Gpus, tenant.TokensPerSecond, tenant.OutputTokensPerSecond));
        Assert.Equal(1.8, tenant.ItPowerKw, 9);
        Assert.Equal([("qwen", 2, 30.0), ("llama", 1, 30.0)], models.OrderBy(l => l.Name == "llama").Select(l => (l.Name, l.Gpus, l.TokensPerSecond)));
    }

    /// <summary>Whatever the labels and flows, the tenant lines (idle included) and the model lines each add up to the rack.</summary>
    [Fact]
    public void Tenant_and_model_lines_each_add_up_to_the_racks_GPUs_tokens_and_IT_power()
    {
        var gpu = Gen.Select(Gen.Bool, Gen.Double[0, 1000], Gen.Double[0, 1200], Gen.Int[-1, 3], Gen.Int[-1, 2]);
        Gen.Select(gpu.Array[1, 72], Gen.Double[0, 30]).Sample((gpus, restKw) =>
        {
            var workloads = new RackWorkloads(gpus.Length);
            workloads.Label(0, [.. gpus.Select(g => g.Item4 < 0 ? null : new GpuWorkload($"tenant-{g.Item4}"))]);
            for (var m = 0; m < 3; m++)
            {
                workloads.Serve([.. Enumerable.Range(0, gpus.Length).Where(i => gpus[i].Item5 == m)], $"model-{m}");
            }

            var flows = gpus.Select(g => g.Item1 ? new GpuFlow(true, g.Item2, g.Item2 / 3, g.Item3) : default).ToArray();
            var reporting = flows.Count(f => f.Fresh);
            var itKw = flows.Sum(f => f.PowerW) / 1000 + (reporting > 0 ? restKw : 0);
            var (tenants, models) = WorkloadRollup.Split(flows, workloads, itKw);
            foreach (var lines in new[] { tenants, models })
            {
                Assert.Equal(gpus.Length, lines.Sum(l => l.Gpus));
                // A tolerance, not rounding to a number of digits: two sums a rounding error apart may round apart.
                Assert.Equal(flows.Sum(f => f.TokensPerSecond), lines.Sum(l => l.TokensPerSecond), tolerance: 1e-6);
                Assert.Equal(itKw, lines.Sum(l => l.ItPowerKw), tolerance: 1e-9);
                Assert.Equal(lines.Count, lines.Select(l => l.Name).Distinct().Count());
            }
        });
    }
}
