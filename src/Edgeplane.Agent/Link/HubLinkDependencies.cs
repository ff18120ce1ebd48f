using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Status;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Link;

/// <summary>What a <see cref="HubLink"/> works with. <see cref="HelloFacts"/> reads what Hello reports, at each dial.</summary>
internal sealed record HubLinkDependencies(
    AgentOptions Options,
    AgentIdentityState Identity,
    StatusOutbox Outbox,
    BundleFetcher Fetcher,
    Func<(string AppliedDigest, ulong TargetGeneration)> HelloFacts,
    Func<HubTarget, bool> OnTarget,
    TimeProvider Time,
    Random Random,
    ILogger Logger);
