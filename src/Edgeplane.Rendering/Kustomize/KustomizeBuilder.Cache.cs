using System.Collections.Concurrent;

namespace Edgeplane.Rendering.Kustomize;

public sealed partial class KustomizeBuilder
{
    // The build running on this thread (builds are synchronous and never nest).
    [ThreadStatic]
    private static BuildScope? t_scope;

    /// <summary>
    /// Produces a value once: for the builder's lifetime when <paramref name="path"/> lies outside the directory being
    /// built (bases, shared add-ons and patches: reused by every site), or once per build when it lies inside it (a
    /// site's own files are read by one build only; keeping them would just grow the heap by every site of a fleet).
    /// Outcomes, failures included, are cached the same way.
    /// </summary>
    private static T Cache<T>(ConcurrentDictionary<string, Lazy<Cached<T>>> shared, string key, string path, Func<T> produce)
        where T : class
    {
        var scope = t_scope;
        if (scope is not null && Contains(scope.Root, path))
        {
            var local = (typeof(T), key);
            if (!scope.Local.TryGetValue(local, out var found))
            {
                found = Cached<T>.Run(produce);
                scope.Local[local] = found;
            }
            return ((Cached<T>)found).Get();
        }
        return shared.GetOrAdd(key, _ => new Lazy<Cached<T>>(() => Cached<T>.Run(produce))).Value.Get();
    }

    private static BuildScope Enter(string root)
    {
        var previous = t_scope;
        t_scope = new BuildScope(root, previous);
        return t_scope;
    }

    /// <summary>Per-build values of the files inside the directory being built.</summary>
    private sealed class BuildScope(string root, BuildScope? previous) : IDisposable
    {
        public string Root { get; } = root;

        public Dictionary<(Type, string), object> Local { get; } = [];

        public void Dispose() => t_scope = previous;
    }
}
