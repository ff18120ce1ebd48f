using Edgeplane.Hub.Auth;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>Workspace members given by the test: subject (<c>user:…</c>, <c>group:…</c>) → grants; records what it was asked.</summary>
internal sealed class FakeWorkspaceDirectory(Dictionary<string, HubGrant[]> members) : IWorkspaceDirectory
{
    public List<string[]> Asked { get; } = [];

    public ValueTask<IReadOnlyList<HubGrant>> GrantsForAsync(IReadOnlyCollection<string> subjects, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add([.. subjects]);
        }
        IReadOnlyList<HubGrant> grants = [.. subjects.SelectMany(s => members.GetValueOrDefault(s, []))];
        return ValueTask.FromResult(grants);
    }
}
