using Microsoft.Extensions.Time.Testing;
using TokenFactoryTwin.Domain.Timing;

namespace TokenFactoryTwin.UnitTests.Timing;

public sealed class WindowBatcherTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
    private readonly List<(string Key, List<int> Items)> _calls = [];

    private WindowBatcher<string, int, string> Batcher(int maxItems = 100, Exception? failWith = null) =>
        new(Window, maxItems, (key, items) =>
        {
            lock (_calls)
            {
                _calls.Add((key, [.. items]));
            }

            return failWith is null ? Task.FromResult(items.Select(i => $"{key}:{i}").ToArray()) : Task.FromException<string[]>(failWith);
        }, _time);

    [Fact]
    public async Task Items_of_one_window_go_in_one_call_and_each_caller_gets_its_own_result()
    {
        var batcher = Batcher();

        var results = new[] { batcher.Add("f", 1), batcher.Add("f", 2), batcher.Add("f", 3) };
        Assert.Empty(_calls);
        _time.Advance(Window);

        Assert.Equal(["f:1", "f:2", "f:3"], await Task.WhenAll(results));
        var call = Assert.Single(_calls);
        Assert.Equal([1, 2, 3], call.Items);
    }

    [Fact]
    public async Task Keys_are_gathered_apart_and_a_later_item_opens_a_new_window()
    {
        var batcher = Batcher();

        var first = new[] { batcher.Add("a", 1), batcher.Add("b", 2) };
        _time.Advance(Window);
        await Task.WhenAll(first);
        var later = batcher.Add("a", 3);
        _time.Advance(Window);

        Assert.Equal("a:3", await later);
        Assert.Equal(3, _calls.Count);
        Assert.Equal(["a", "a", "b"], _calls.Select(c => c.Key).Order());
        Assert.Equal([3], _calls.Last(c => c.Key == "a").Items);
    }

    [Fact]
    public async Task A_full_window_goes_at_once_without_waiting()
    {
        var batcher = Batcher(maxItems: 2);

        var results = new[] { batcher.Add("f", 1), batcher.Add("f", 2) };

        Assert.Equal(["f:1", "f:2"], await Task.WhenAll(results));
        var rest = batcher.Add("f", 3);
        Assert.False(rest.IsCompleted);
        _time.Advance(Window);
        Assert.Equal("f:3", await rest);
        Assert.Equal(2, _calls.Count);
    }

    [Fact]
    public async Task A_failed_call_fails_every_item_of_its_window()
    {
        var batcher = Batcher(failWith: new TimeoutException("cluster away"));

        var results = new[] { batcher.Add("f", 1), batcher.Add("f", 2) };
        _time.Advance(Window);

        foreach (var result in results)
        {
            Assert.Equal("cluster away", (await Assert.ThrowsAsync<TimeoutException>(() => result)).Message);
        }
    }
}
