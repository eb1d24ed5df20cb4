namespace GraphEmulator;

/// <summary>A started emulator: its base address, its services (for tests), and how to stop it.</summary>
internal sealed class RunningEmulator(WebApplication app, Uri baseUri) : IAsyncDisposable
{
    /// <summary>e.g. http://127.0.0.1:5080/ (Graph URLs are BaseUri + "v1.0/...").</summary>
    public Uri BaseUri { get; } = baseUri;

    public IServiceProvider Services => app.Services;

    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
