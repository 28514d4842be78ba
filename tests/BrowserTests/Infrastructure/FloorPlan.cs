using Microsoft.Playwright;

namespace TokenFactoryTwin.BrowserTests.Infrastructure;

/// <summary>Where the live view's floor plan draws a rack, read from the page's test hook, and a click on it.</summary>
public static class FloorPlan
{
    public static async Task<(double X, double Y, double Width, double Height)> RackBox(IPage page, string id)
    {
        await page.WaitForFunctionAsync("id => window.liveView && window.liveView.rack(id)", id);
        var b = await page.EvaluateAsync<double[]>("id => { const b = window.liveView.rack(id).box; return [b.x, b.y, b.width, b.height]; }", id);
        return (b[0], b[1], b[2], b[3]);
    }

    /// <summary>Clicks the rack's middle, which opens its detail.</summary>
    public static async Task ClickRack(IPage page, string id)
    {
        var box = await RackBox(page, id);
        await page.Mouse.ClickAsync((float)(box.X + box.Width / 2), (float)(box.Y + box.Height / 2));
    }
}
