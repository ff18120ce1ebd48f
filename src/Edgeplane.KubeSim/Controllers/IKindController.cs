using Edgeplane.KubeSim.Catalog;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>A simulated controller for one or more kinds. Reconcile is level-based: it computes status from the object alone.</summary>
internal interface IKindController
{
    bool Handles(ResourceType type);

    /// <summary>How long after it first sees a generation the object may be reported ready.</summary>
    TimeSpan Delay(KubeSimDelays delays);

    /// <summary>Brings the object's status (and anything it owns) in line; returns when to look again, if ever.</summary>
    TimeSpan? Reconcile(ControllerContext context);
}
