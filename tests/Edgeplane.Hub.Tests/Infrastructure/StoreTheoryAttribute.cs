using Xunit.Sdk;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>
/// A theory over stores (<see cref="Stores.All"/>): every row that runs against PostgreSQL is reported as skipped when
/// <c>EDGEPLANE_SKIP_POSTGRES=1</c>, never silently dropped or passed. Without the variable, a missing PostgreSQL fails.
/// </summary>
[XunitTestCaseDiscoverer("Edgeplane.Hub.Tests.Infrastructure.StoreTheoryDiscoverer", "Edgeplane.Hub.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute
{
}
