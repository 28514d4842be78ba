using Orleans.Dashboard;
using TokenFactoryTwin.Silo.Hosting;

// Built on another core while the silo configures itself (see DashboardAssetsWarmup).
var dashboardAssets = DashboardAssetsWarmup.Start();
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTwinSilo();
DashboardAssetsWarmup.UseWarmed(builder.Services, dashboardAssets);

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOrleansDashboard(routePrefix: "/dashboard");
app.MapGet("/", () => Results.Redirect("/dashboard"));

app.Run();
