namespace TokenFactoryTwin.ScaleBench;

/// <summary>The command line: <c>--racks N --duration S [--warmup S] [--load constant|diurnal] [--hall-racks N] [--flush-ms N] [--store memory|sqlite] [--alloc-profile]</c>.</summary>
public sealed record ScaleOptions(int Racks, int DurationSeconds, int WarmupSeconds, string Load, int RacksPerHall, int FlushPeriodMs, bool AllocationProfile, string Store = "memory")
{
    public static ScaleOptions Parse(string[] args)
    {
        var options = new ScaleOptions(7400, 60, 15, "constant", 500, 1000, false);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--alloc-profile")
            {
                options = options with { AllocationProfile = true };
                i--;
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"option '{args[i]}' needs a value");
            options = args[i] switch
            {
                "--racks" => options with { Racks = int.Parse(value) },
                "--duration" => options with { DurationSeconds = int.Parse(value) },
                "--warmup" => options with { WarmupSeconds = int.Parse(value) },
                "--load" => options with { Load = value },
                "--hall-racks" => options with { RacksPerHall = int.Parse(value) },
                "--flush-ms" => options with { FlushPeriodMs = int.Parse(value) },
                "--store" => value is "memory" or "sqlite" ? options with { Store = value } : throw new ArgumentException($"--store '{value}' is not memory or sqlite"),
                _ => throw new ArgumentException($"unknown option '{args[i]}' (known: --racks, --duration, --warmup, --load, --hall-racks, --flush-ms, --store, --alloc-profile)"),
            };
        }

        return options.Racks > 0 && options.DurationSeconds > 0 && options.RacksPerHall > 0
            ? options
            : throw new ArgumentException("--racks, --duration and --hall-racks must be positive");
    }
}
