using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;

namespace Edgeplane.Kubernetes.Tests.Apply;

public sealed class ObjectComparerTests
{
    [Fact]
    public void Diff_OnlyServerBookkeepingDiffers_NoPaths()
    {
        var live = Fixtures.Parse("""{"metadata":{"name":"a","resourceVersion":"5","managedFields":[{"manager":"edgeplane","operation":"Apply","fieldsV1":{"f:data":{}},"time":"t1"}]},"data":{"k":"v"},"status":{"x":1}}""");
        var dryRun = Fixtures.Parse("""{"metadata":{"name":"a","resourceVersion":"6","managedFields":[{"manager":"edgeplane","operation":"Apply","fieldsV1":{"f:data":{}},"time":"t2"}]},"data":{"k":"v"},"status":{"x":2}}""");

        Assert.Empty(ObjectComparer.Diff(live, dryRun, "edgeplane"));
    }

    [Fact]
    public void Diff_LabelsNamedItemsAndOwnership_ReadablePaths()
    {
        var live = Fixtures.Parse("""{"metadata":{"labels":{"app.kubernetes.io/name":"x"},"managedFields":[{"manager":"ops","operation":"Update","fieldsV1":{}}]},"spec":{"containers":[{"name":"app","image":"a:1"},{"name":"side","image":"s:1"}]}}""");
        var dryRun = Fixtures.Parse("""{"metadata":{"labels":{"app.kubernetes.io/name":"y"},"managedFields":[{"manager":"edgeplane","operation":"Apply","fieldsV1":{}}]},"spec":{"containers":[{"name":"app","image":"a:2"},{"name":"side","image":"s:1"}]}}""");

        Assert.Equal(["metadata.labels[app.kubernetes.io/name]", "spec.containers[name=app].image", "metadata.managedFields[edgeplane]"],
            ObjectComparer.Diff(live, dryRun, "edgeplane"));
    }

    [Fact]
    public void BundleObjects_ListWithBadItem_ErrorNamesTheItem()
    {
        var ex = Assert.Throws<ObjectFormatException>(() => BundleObjects.Parse("""{"kind":"List","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}},{"kind":"ConfigMap","metadata":{"name":"b"}}]}"""));

        Assert.Equal("item #1: object ConfigMap b has no apiVersion", ex.Message);
    }

    [Fact]
    public void BundleObjects_NotJson_ErrorSaysWhere()
    {
        var ex = Assert.Throws<ObjectFormatException>(() => BundleObjects.Parse("[\n {\"a\": }]"));

        Assert.StartsWith("bundle JSON is not valid at line 2", ex.Message, StringComparison.Ordinal);
    }
}
