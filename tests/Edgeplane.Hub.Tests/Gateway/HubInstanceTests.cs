using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>The stable name of a hub instance: what lets a restarted replica prove its predecessor gone.</summary>
public sealed class HubInstanceTests
{
    [Fact]
    public void NameOf_SameMachineAndFolder_SameName_OtherFolder_OtherName()
    {
        var name = HubInstance.NameOf("hub-0", "/var/lib/edgeplane");

        Assert.Equal(name, HubInstance.NameOf("hub-0", "/var/lib/edgeplane/"[..^1]));
        Assert.NotEqual(name, HubInstance.NameOf("hub-0", "/var/lib/edgeplane-2"));
        Assert.NotEqual(name, HubInstance.NameOf("hub-1", "/var/lib/edgeplane"));
        Assert.Matches("^hub-0/[0-9a-f]{12}$", name);
        Assert.DoesNotContain("edgeplane", name, StringComparison.Ordinal); // no path in the database
    }

    [Fact]
    public void NameOf_LongMachineName_CutToFitTheColumn()
    {
        var name = HubInstance.NameOf(new string('m', 300), "/data");

        Assert.Equal(100 + 1 + 12, name.Length);
        Assert.True(name.Length <= HubInstance.MaxNameLength);
    }

    [Fact]
    public void Create_NewIdEveryStart_SameName()
    {
        var options = new HubOptions { Repo = "/repo", DataDirectory = "/data" };

        var (first, second) = (HubInstance.Create(options), HubInstance.Create(options));

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(first.Name, second.Name);
        Assert.Equal(TimeSpan.FromSeconds(45), first.LeaseTimeout);
    }
}
