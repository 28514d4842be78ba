using BenchmarkDotNet.Running;
using TokenFactoryTwin.MicroBench;

// Every benchmark: dotnet run -c Release --project bench/MicroBench -- --filter '*'
// One class: --filter '*Ingest*'. BenchmarkDotNet reports mean, median and allocations per operation.
BenchmarkSwitcher.FromAssembly(typeof(MicroConfig).Assembly).Run(args, new MicroConfig());
