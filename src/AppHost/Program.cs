// The one-command local run: by default one silo with the embedded store and the built-in simulated facility, one
// gateway and the Aspire dashboard. With --Twin:Store=redis and a Redis connection string it runs the cluster mode:
// Twin:Silos silos and one gateway sharing membership and grain state through an existing Redis (there are no
// containers here, so Redis is a connection-string resource).
//
// Orleans endpoints are fixed and unproxied: Orleans must reach each silo at the address it advertises, which
// Aspire's proxy ports would hide.
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

const int firstSiloPort = 11111;
const int firstGatewayPort = 30000;
const int firstSiloWebPort = 5180;

var cluster = string.Equals(builder.Configuration["Twin:Store"], "redis", StringComparison.OrdinalIgnoreCase);
var silos = builder.Configuration.GetValue("Twin:Silos", 1);
if (!cluster && silos != 1)
{
    throw new InvalidOperationException("Several silos need the cluster mode: add --Twin:Store=redis and --ConnectionStrings:redis=<host:port>.");
}

var redis = cluster ? builder.AddConnectionString("redis") : null;
var dataDirectory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", "data"));
var siloResources = new List<IResourceBuilder<ProjectResource>>();
for (var i = 0; i < silos; i++)
{
    var silo = i == 0
        ? builder.AddProject<Projects.Silo>("silo")
        : builder.AddProject<Projects.Silo>($"silo-{i + 1}", o => o.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: firstSiloWebPort + i, isProxied: false)
            .WithEndpoint("http", e => e.TargetHost = "127.0.0.1");
    silo.WithEnvironment("Orleans__Endpoints__SiloPort", (firstSiloPort + i).ToString())
        .WithEnvironment("Orleans__Endpoints__GatewayPort", (firstGatewayPort + i).ToString())
        .WithEnvironment("Orleans__Endpoints__PrimarySiloPort", firstSiloPort.ToString())
        .WithEnvironment("Twin__DataDirectory", dataDirectory)
        .WithHttpHealthCheck("/health");
    if (redis is not null)
    {
        silo.WithEnvironment("Twin__Store", "redis").WithReference(redis);
    }

    siloResources.Add(silo);
}

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithEnvironment("Orleans__GatewayPort", firstGatewayPort.ToString())
    .WithHttpHealthCheck("/health")
    .WaitFor(siloResources[0]);
if (redis is not null)
{
    gateway.WithEnvironment("Twin__Store", "redis").WithReference(redis);
}

builder.Build().Run();
