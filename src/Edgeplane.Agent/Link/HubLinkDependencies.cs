using Edgeplane.Agent.Identity;
using Edgeplane.Agent.State;
using Edgeplane.Agent.Status;
using Edgeplane.Agent.Targets;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Link;

/// <summary>
/// What a <see cref="HubLink"/> works with. Targets go into <see cref="Targets"/> for the reconciler; what Hello reports
/// (the applied digest, the newest target generation) is read from <see cref="Checkpoint"/> at each dial.
/// </summary>
internal sealed record HubLinkDependencies(
    HubLinkOptions Options,
    AgentIdentityState Identity,
    SharedHubChannel Channel,
    StatusOutbox Outbox,
    TargetInbox Targets,
    CheckpointState Checkpoint,
    TimeProvider Time,
    Random Random,
    ILogger Logger);
