using Edgeplane.Hub.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity.Support;

/// <summary>The hub identity services wired by hand, without a server, for unit tests.</summary>
internal sealed class IdentityServices : IDisposable
{
    public IdentityServices(string dataDirectory, FakeTimeProvider time)
    {
        Options = new IdentityOptions { DataDirectory = dataDirectory };
        Ca = HubCertificateAuthority.LoadOrCreate(Options, time, NullLogger.Instance);
        Validator = new AgentCertificateValidator(Ca, Store, time);
        Tokens = new BootstrapTokenService(Ca, Store, Options, time, NullLogger<BootstrapTokenService>.Instance);
        Enrollment = new EnrollmentService(Ca, Store, Options, time, NullLogger<EnrollmentService>.Instance);
        Registry = new AgentConnectionRegistry(Validator, time, NullLogger<AgentConnectionRegistry>.Instance);
        Revocation = new ClusterRevocationService(Store, Registry, time, NullLogger<ClusterRevocationService>.Instance);
    }

    public IdentityOptions Options { get; }

    public InMemoryIdentityStore Store { get; } = new();

    public HubCertificateAuthority Ca { get; }

    public AgentCertificateValidator Validator { get; }

    public BootstrapTokenService Tokens { get; }

    public EnrollmentService Enrollment { get; }

    public AgentConnectionRegistry Registry { get; }

    public ClusterRevocationService Revocation { get; }

    public void Dispose() => Ca.Dispose();
}
