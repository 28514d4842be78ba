using TokenFactoryTwin.Gateway.Apis;
using TokenFactoryTwin.Gateway.Hosting;
using TokenFactoryTwin.Gateway.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTwinClient();
builder.AddLiveView();
builder.AddTwinSecurity();
builder.AddTwinIngest();
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseTwinMeter();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseMiddleware<UnknownCharsetMiddleware>();
app.UseMiddleware<ClusterConnectedMiddleware>();
app.UseTwinSecurity();
app.MapDefaultEndpoints();
app.MapLiveView();
app.MapOpenApi();
app.MapReadApi();
app.MapWorkloadApi();
app.MapCarbonApi();
app.MapCatalogApi();
app.MapThroughputApi();
app.MapEfficiencyApi();
app.MapClusterApi();
app.MapPlannerApi();
app.MapFlexApi();
app.MapIngestApi();
app.MapOtlpApi();
app.MapRemoteWriteApi();
app.MapRegistrationApi();
app.MapScrapeApi();
app.MapMeterApi();

app.Run();

/// <summary>The gateway's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
