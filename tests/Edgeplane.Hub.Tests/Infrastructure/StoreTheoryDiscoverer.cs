using Xunit.Abstractions;
using Xunit.Sdk;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>Discovers <see cref="StoreTheoryAttribute"/> theories: rows holding <see cref="StoreKind.Postgres"/> become skipped cases when PostgreSQL is skipped.</summary>
public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        PostgresServer.Skipped && dataRow.Contains(StoreKind.Postgres)
            ? CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, PostgresServer.SkipReason)
            : base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
}
