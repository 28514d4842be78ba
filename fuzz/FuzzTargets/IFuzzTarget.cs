namespace TokenFactoryTwin.FuzzTargets;

/// <summary>
/// One parser or decoder the gateway exposes, run on arbitrary bytes. <see cref="Run"/> returns normally when the
/// input is read, or refused the way the gateway refuses it (a refusal value, or the one exception type the gateway
/// turns into a 400); anything else it throws is a defect, which the fuzzer reports as a crash.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The target's name on the command line and its seed folder under <c>fuzz/corpus</c>.</summary>
    string Name { get; }

    /// <returns>Whether the input was read as a whole (parts of it may still be refused), rather than refused whole.</returns>
    bool Run(ReadOnlyMemory<byte> input);
}
