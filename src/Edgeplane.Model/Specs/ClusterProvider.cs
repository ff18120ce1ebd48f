namespace Edgeplane.Model.Specs;

/// <summary>Where a cluster runs; written in lower case in YAML.</summary>
public enum ClusterProvider
{
    /// <summary>Amazon EKS.</summary>
    Eks,
    /// <summary>Azure AKS.</summary>
    Aks,
    /// <summary>Google GKE.</summary>
    Gke,
    /// <summary>OpenStack (e.g. through Cluster API).</summary>
    Openstack,
    /// <summary>VMware vSphere.</summary>
    Vsphere,
    /// <summary>k3s, typically at the edge.</summary>
    K3s,
    /// <summary>RKE2.</summary>
    Rke2,
    /// <summary>Kubeadm-built clusters.</summary>
    Kubeadm,
    /// <summary>A cluster that already exists and is only managed.</summary>
    Existing,
}
