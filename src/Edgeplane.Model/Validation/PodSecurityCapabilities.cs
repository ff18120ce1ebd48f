namespace Edgeplane.Model.Validation;

/// <summary>The Linux capabilities the Pod Security Standards' baseline level lets a container add.</summary>
public static class PodSecurityCapabilities
{
    /// <summary>AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT.</summary>
    public static readonly IReadOnlySet<string> Baseline = new HashSet<string>(StringComparer.Ordinal)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };
}
