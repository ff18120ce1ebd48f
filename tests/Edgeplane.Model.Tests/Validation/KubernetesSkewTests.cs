using Edgeplane.Model.Validation;

namespace Edgeplane.Model.Tests.Validation;

/// <summary>The version skew policy between the version a cluster was declared at and the one a new revision declares.</summary>
public sealed class KubernetesSkewTests
{
    [Theory]
    [InlineData("v1.30.4", "v1.30.4")]        // unchanged
    [InlineData("v1.30.4", "v1.30.9")]        // patch bump
    [InlineData("v1.30.4", "v1.31.0")]        // one minor
    [InlineData("v1.30.9", "v1.31.0")]        // one minor, lower patch
    [InlineData("1.30.4", "v1.31.2")]         // with or without the v
    [InlineData("v1.30", "v1.31")]            // minor lines
    [InlineData("v1.30.4", "v1.30")]          // a minor line is no downgrade of its patches
    [InlineData("v1.30.4+k3s1", "v1.31.2+k3s1")]
    [InlineData("v1.30.4+k3s1", "v1.30.4+k3s2")]
    [InlineData("v1.29.8-eks-a1b2", "v1.30.2-eks-c3d4")]
    [InlineData("v1.31.0-rc1+k3s1", "v1.31.0+k3s1")]
    public void Check_AllowedMove_NoMessage(string from, string to) =>
        Assert.Null(KubernetesSkew.Check(from, to, allowDowngrade: false));

    [Theory]
    [InlineData("v1.29.8", "v1.31.0",
        "Kubernetes v1.29.8 → v1.31.0 skips minor version 1.30: upgrade one minor version at a time (1.29 → 1.30 → 1.31)")]
    [InlineData("v1.28.2+k3s1", "v1.31.0+k3s1",
        "Kubernetes v1.28.2+k3s1 → v1.31.0+k3s1 skips minor versions 1.29, 1.30: upgrade one minor version at a time (1.28 → 1.29 → 1.30 → 1.31)")]
    [InlineData("v1.29.8-eks-a1b2", "v1.31", "Kubernetes v1.29.8-eks-a1b2 → v1.31 skips minor version 1.30: upgrade one minor version at a time (1.29 → 1.30 → 1.31)")]
    public void Check_SkippedMinor_RefusedNamingBothVersions(string from, string to, string message)
    {
        Assert.Equal(message, KubernetesSkew.Check(from, to, allowDowngrade: false));
        Assert.Equal(message, KubernetesSkew.Check(from, to, allowDowngrade: true)); // the downgrade flag is no licence to skip
    }

    [Theory]
    [InlineData("v1.30.4", "v1.29.8")]
    [InlineData("v1.30.5", "v1.30.4")]
    [InlineData("v1.30.4+k3s1", "v1.29.8+k3s1")]
    public void Check_Downgrade_RefusedWithoutTheFlag_AllowedWithIt(string from, string to)
    {
        var refused = KubernetesSkew.Check(from, to, allowDowngrade: false);
        var allowed = KubernetesSkew.Check(from, to, allowDowngrade: true);

        Assert.Equal($"Kubernetes {from} → {to} is a downgrade: set kubernetesUpgrade.allowDowngrade: true on the cluster or a scope above it to allow it", refused);
        Assert.Null(allowed);
    }

    [Fact]
    public void Check_DowngradeSkippingAMinor_RefusedEvenWithTheFlag()
    {
        Assert.Equal("Kubernetes v1.31.2 → v1.29.8 skips minor version 1.30: downgrade one minor version at a time (1.31 → 1.30 → 1.29)",
            KubernetesSkew.Check("v1.31.2", "v1.29.8", allowDowngrade: true));
        Assert.Equal("Kubernetes v1.31.2 → v1.29.8 is a downgrade: set kubernetesUpgrade.allowDowngrade: true on the cluster or a scope above it to allow it",
            KubernetesSkew.Check("v1.31.2", "v1.29.8", allowDowngrade: false));
    }

    [Theory]
    [InlineData("v1.3o.1", "v1.31.0", "the previous Kubernetes version \"v1.3o.1\" is not a Kubernetes version: ")]
    [InlineData("v1.30.1", "2.0.0", "Kubernetes version \"2.0.0\" is not a Kubernetes version: ")]
    public void Check_NotAVersion_Refused(string from, string to, string start) =>
        Assert.Equal(start + KubernetesVersions.Rule, KubernetesSkew.Check(from, to, allowDowngrade: true));

    [Theory]
    [InlineData("v1.30.4+k3s1", 30, 4, "+k3s1")]
    [InlineData("1.29.8-eks-a1b2", 29, 8, "-eks-a1b2")]
    [InlineData("v1.31", 31, null, "")]
    public void TryParse_ReadsMinorPatchAndSuffix(string text, int minor, int? patch, string suffix)
    {
        Assert.True(KubernetesVersions.TryParse(text, out var version));
        Assert.Equal((1, minor, patch, suffix), (version.Major, version.Minor, version.Patch, version.Suffix));
    }
}
