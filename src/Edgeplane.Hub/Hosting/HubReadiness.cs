namespace Edgeplane.Hub.Hosting;

/// <summary>Ready = the store is migrated and the first fetch has completed or failed.</summary>
internal sealed class HubReadiness
{
    private readonly TaskCompletionSource _store = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _fetched;

    public bool IsReady => _store.Task.IsCompletedSuccessfully && _fetched;

    public bool StoreReady => _store.Task.IsCompletedSuccessfully;

    public bool FirstFetchDone => _fetched;

    public Task WaitForStoreAsync(CancellationToken cancellationToken) => _store.Task.WaitAsync(cancellationToken);

    public void MarkStoreReady() => _store.TrySetResult();

    public void MarkStoreFailed(Exception error) => _store.TrySetException(error);

    public void MarkFetched() => _fetched = true;
}
