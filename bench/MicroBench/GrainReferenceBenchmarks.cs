using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;

namespace TokenFactoryTwin.MicroBench;

/// <summary>
/// Making a grain reference, as the silo does in every power node's flush and every host's batch: Orleans'
/// <c>GetGrain&lt;T&gt;(string)</c>, which looks up the interface's attributes each call, against
/// <see cref="GrainReferences.Reference{T}"/>. The factory is a real silo's, built and not started: making a reference
/// needs only the grain classes the silo knows.
/// </summary>
public class GrainReferenceBenchmarks
{
    private IHost _silo = null!;
    private IGrainFactory _grains = null!;
    private readonly string _key = TwinKeys.Rack("giga", "rack-0042");

    [GlobalSetup]
    public void Setup()
    {
        _silo = Host.CreateDefaultBuilder().UseOrleans(s => s.UseLocalhostClustering()).Build();
        _grains = _silo.Services.GetRequiredService<IGrainFactory>();
        if (!_grains.Reference<IRackGrain>(_key).GetGrainId().Equals(_grains.GetGrain<IRackGrain>(_key).GetGrainId()))
        {
            throw new InvalidOperationException("the two ways name different grains");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.Dispose();

    [Benchmark(Description = "GetGrain<IRackGrain>(key), Orleans", Baseline = true)]
    public IRackGrain OrleansGetGrain() => _grains.GetGrain<IRackGrain>(_key);

    [Benchmark(Description = "Reference<IRackGrain>(key), type resolved once")]
    public IRackGrain ResolvedOnce() => _grains.Reference<IRackGrain>(_key);
}
