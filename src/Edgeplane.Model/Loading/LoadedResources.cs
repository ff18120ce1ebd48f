using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Loading;

/// <summary>Resources as they come out of the files, before duplicates are removed and references checked.</summary>
internal sealed class LoadedResources
{
    public List<FleetResource<FleetSpec>> Fleets { get; } = [];
    public List<FleetResource<ClusterSpec>> Clusters { get; } = [];
    public List<FleetResource<AddOnSpec>> AddOns { get; } = [];
    public List<FleetResource<ProfileSpec>> Profiles { get; } = [];
    public List<FleetResource<WorkspaceSpec>> Workspaces { get; } = [];
    public List<FleetResource<ApplicationSpec>> Applications { get; } = [];
    public List<FleetResource<NetworkFunctionSpec>> NetworkFunctions { get; } = [];
    public List<FleetResource<RolloutSpec>> Rollouts { get; } = [];
    public List<FleetResource<ClusterTemplateSpec>> ClusterTemplates { get; } = [];

    public void Add(object resource)
    {
        switch (resource)
        {
            case FleetResource<FleetSpec> r: Fleets.Add(r); break;
            case FleetResource<ClusterSpec> r: Clusters.Add(r); break;
            case FleetResource<AddOnSpec> r: AddOns.Add(r); break;
            case FleetResource<ProfileSpec> r: Profiles.Add(r); break;
            case FleetResource<WorkspaceSpec> r: Workspaces.Add(r); break;
            case FleetResource<ApplicationSpec> r: Applications.Add(r); break;
            case FleetResource<NetworkFunctionSpec> r: NetworkFunctions.Add(r); break;
            case FleetResource<RolloutSpec> r: Rollouts.Add(r); break;
            case FleetResource<ClusterTemplateSpec> r: ClusterTemplates.Add(r); break;
            default: throw new ArgumentException($"not a fleet resource: {resource.GetType().Name}", nameof(resource));
        }
    }
}
