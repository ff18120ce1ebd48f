using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>
/// <see cref="TestFleetCompiler"/> plus two workspaces over testdata/fleet: <c>ran</c> targets the edge layer
/// (edge-site-1), <c>core</c> the cloud layer (cloud-eu); members as <see cref="Members"/> says.
/// </summary>
internal sealed class WorkspaceTestCompiler : IRevisionCompiler
{
    public static readonly IReadOnlyDictionary<string, string> RanMembers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["group:ran-ops"] = "admin", ["user:lena@example.com"] = "member", ["user:olga@example.com"] = "viewer",
    };

    private readonly TestFleetCompiler _inner = new();

    public IReadOnlyDictionary<string, string> Members { get; set; } = RanMembers;

    public async Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken)
    {
        var result = await _inner.CompileAsync(checkoutDirectory, revision, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }
        List<string> Layer(string layer) => result.Clusters.Where(c => c.Declaration.Layer == layer).Select(c => c.Declaration.Name).ToList();
        return result with
        {
            Workspaces =
            [
                new DeclaredWorkspace("ran", Members, ["ran-du"], Layer("edge"))
                {
                    Workloads = [new DeclaredWorkload("Application", "du-app", "ran-du", Layer("edge")), new DeclaredWorkload("NetworkFunction", "upf", "ran-du", [])],
                },
                new DeclaredWorkspace("core", new Dictionary<string, string> { ["user:lena@example.com"] = "viewer" }, ["core"], Layer("cloud"))
                {
                    Workloads = [new DeclaredWorkload("Application", "core-app", "core", Layer("cloud"))],
                },
            ],
        };
    }
}
