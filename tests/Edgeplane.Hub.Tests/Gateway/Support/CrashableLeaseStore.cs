using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Tests.Gateway.Support;

/// <summary>
/// The real lease store, with two faults a test can switch on: <see cref="Crashed"/> skips the release at stop (what a
/// killed process leaves behind: its lease and its links as they were), <see cref="RenewalsFail"/> fails renewals (a hub
/// that lost its database, or stalled).
/// </summary>
internal sealed class CrashableLeaseStore(IInstanceLeaseStore inner) : IInstanceLeaseStore
{
    public bool Crashed { get; set; }

    public bool RenewalsFail { get; set; }

    public Task<LeaseSweep> StartAsync(HubInstance instance, DateTime now, CancellationToken cancellationToken) =>
        inner.StartAsync(instance, now, cancellationToken);

    public Task<LeaseRenewal> RenewAsync(HubInstance instance, DateTime now, CancellationToken cancellationToken) =>
        RenewalsFail ? throw new InvalidOperationException("database unreachable (test fault)") : inner.RenewAsync(instance, now, cancellationToken);

    public Task<int> ReleaseAsync(HubInstance instance, DateTime now, CancellationToken cancellationToken) =>
        Crashed ? Task.FromResult(0) : inner.ReleaseAsync(instance, now, cancellationToken);
}
