namespace TokenFactoryTwin.Silo.Hosting;

/// <summary>
/// Knows when this silo has begun to stop: set at the first step of Orleans' shutdown (the stop of the
/// <see cref="ServiceLifecycleStage.Active"/> stage), before any grain is deactivated.
/// </summary>
public sealed class SiloStopping : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool _stopping;

    public bool IsStopping => _stopping;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloStopping), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            _stopping = true;
            return Task.CompletedTask;
        });
}
