// The one-command local run: one silo with the embedded store and the default simulated facility, one gateway,
// and the Aspire dashboard. Orleans endpoints are fixed and unproxied: Orleans needs to reach the silo at the
// address it advertises, which Aspire's proxy ports would hide.
var builder = DistributedApplication.CreateBuilder(args);

const int siloPort = 11111;
const int gatewayPort = 30000;

var silo = builder.AddProject<Projects.Silo>("silo")
    .WithEnvironment("Orleans__Endpoints__SiloPort", siloPort.ToString())
    .WithEnvironment("Orleans__Endpoints__GatewayPort", gatewayPort.ToString())
    .WithEnvironment("Orleans__Endpoints__PrimarySiloPort", siloPort.ToString())
    .WithEnvironment("Twin__DataDirectory", Path.Combine(builder.AppHostDirectory, "..", "..", "data"))
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Gateway>("gateway")
    .WithEnvironment("Orleans__GatewayPort", gatewayPort.ToString())
    .WithHttpHealthCheck("/health")
    .WithReference(silo)
    .WaitFor(silo);

builder.Build().Run();
