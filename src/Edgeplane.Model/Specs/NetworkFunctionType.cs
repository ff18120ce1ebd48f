namespace Edgeplane.Model.Specs;

/// <summary>How a network function runs.</summary>
public enum NetworkFunctionType
{
    /// <summary>Containerized: a Deployment or StatefulSet.</summary>
    Cnf,
    /// <summary>Virtualized: a KubeVirt VirtualMachine; needs the <c>kubevirt</c> capability.</summary>
    Vnf,
}
