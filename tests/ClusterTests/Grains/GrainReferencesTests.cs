using System.Reflection;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

/// <summary>
/// <see cref="GrainReferences.Reference{T}"/> must name exactly the grain Orleans' own <c>GetGrain</c> names, through
/// the same interface, for every string-keyed grain of the twin: the first call (which resolves the types) and every
/// later one (which uses them).
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class GrainReferencesTests(TwinClusterFixture fixture)
{
    public static TheoryData<string> Interfaces() =>
        [.. typeof(IRackGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IGrainWithStringKey).IsAssignableFrom(t) && t.Namespace == typeof(IRackGrain).Namespace)
            .Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Interfaces))]
    public void A_reference_names_the_grain_GetGrain_names_through_the_same_interface(string name)
    {
        var face = typeof(IRackGrain).Assembly.GetTypes().Single(t => t.Name == name && t.Namespace == typeof(IRackGrain).Namespace);
        var reference = typeof(GrainReferencesTests).GetMethod(nameof(Pair), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(face);

        foreach (var key in new[] { "f/first", "f/second", "f/ünïcødé and spaces" })
        {
            var (ours, theirs) = ((GrainReference, GrainReference))reference.Invoke(null, [fixture.Grains, key])!;
            Assert.Equal(theirs.GrainId, ours.GrainId);
            Assert.Equal(theirs.InterfaceType, ours.InterfaceType);
            Assert.IsAssignableFrom(face, ours);
        }
    }

    private static (GrainReference Ours, GrainReference Theirs) Pair<T>(IGrainFactory grains, string key) where T : IGrainWithStringKey =>
        ((GrainReference)(object)grains.Reference<T>(key), (GrainReference)(object)grains.GetGrain<T>(key));
}
