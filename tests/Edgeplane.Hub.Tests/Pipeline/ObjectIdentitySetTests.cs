using Edgeplane.Hub.Pipeline;

namespace Edgeplane.Hub.Tests.Pipeline;

public sealed class ObjectIdentitySetTests
{
    [Fact]
    public void ToBytes_FromBytes_RoundTrips_SortedAndDistinct()
    {
        var set = ObjectIdentitySet.Of([("v1", "ConfigMap", "a", "x"), ("apps/v1", "Deployment", "a", "x"), ("v1", "ConfigMap", "a", "x")]);

        var read = ObjectIdentitySet.FromBytes(set.ToBytes());

        Assert.Equal(2, set.Count);
        Assert.Equal(32, set.ToBytes().Length);
        Assert.Equal(0, read.CountMissingFrom(set));
        Assert.Equal(0, set.CountMissingFrom(read));
    }

    [Fact]
    public void CountMissingFrom_CountsIdentitiesTheOtherLacks_PartsDoNotRunTogether()
    {
        var before = ObjectIdentitySet.Of([("v1", "ConfigMap", "ab", "c"), ("v1", "ConfigMap", null, "x"), ("v1", "Secret", "ns", "s")]);
        var after = ObjectIdentitySet.Of([("v1", "ConfigMap", "a", "bc"), ("v1", "ConfigMap", "", "x"), ("v2", "Secret", "ns", "s")]);

        Assert.Equal(1, before.CountMissingFrom(after));
        Assert.Equal(3, before.CountMissingFrom(ObjectIdentitySet.Empty));
        Assert.Equal(0, ObjectIdentitySet.Empty.CountMissingFrom(before));
    }

    [Fact]
    public void FromBytes_LengthNotMultipleOf16_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(() => ObjectIdentitySet.FromBytes(new byte[17]));

        Assert.Equal("stored object identities are 17 bytes, not a multiple of 16", error.Message);
    }

    [Fact]
    public void FromBytes_NotSorted_Throws()
    {
        var bytes = new byte[32];
        bytes[0] = 1;

        var error = Assert.Throws<InvalidDataException>(() => ObjectIdentitySet.FromBytes(bytes));

        Assert.Equal("stored object identities are not sorted and distinct", error.Message);
    }
}
