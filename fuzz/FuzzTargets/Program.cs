using SharpFuzz;
using TokenFactoryTwin.FuzzTargets;

// Under afl-fuzz (fuzz/run.sh): `dotnet TokenFactoryTwin.FuzzTargets.dll <target>` reads inputs from AFL's forkserver.
// With more arguments, `<target> <file>...` runs those files once each, outside AFL: how a finding is reproduced (on
// the build in fuzz/FuzzTargets/bin, not the instrumented copy in fuzz/out/bin, whose probes need AFL's shared memory).
if (args.Length == 0 || FuzzTargetCatalog.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: TokenFactoryTwin.FuzzTargets <target> [file...]; targets: {string.Join(", ", FuzzTargetCatalog.All.Select(t => t.Name))}");
    return 2;
}

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        Console.WriteLine($"{file}: {(target.Run(File.ReadAllBytes(file)) ? "read" : "refused as a whole")}");
    }

    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    _ = target.Run(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
});
return 0;
