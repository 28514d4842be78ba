using Orleans.Dashboard;
using TokenFactoryTwin.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTwinSilo();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOrleansDashboard(routePrefix: "/dashboard");
app.MapGet("/", () => Results.Redirect("/dashboard"));

app.Run();
