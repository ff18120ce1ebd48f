namespace Edgeplane.Hub.Sources;

/// <summary>
/// The symlinks of one commit tree, as a trie of path components, so that resolving a target the way the kernel will
/// (component by component, following every symlink met on the way) costs one dictionary step per component.
/// Resolution is bounded in total for the whole tree (<see cref="MaxSteps"/>), so a tree of many long, chained links
/// cannot keep the hub busy.
/// </summary>
internal sealed class SymlinkTree
{
    /// <summary>Most path components resolved for all the symlinks of one tree together.</summary>
    public const int MaxSteps = 1_000_000;

    private readonly Node _root = new();
    private readonly List<(string Path, string Target)> _links = [];
    private int _steps;

    public int Count => _links.Count;

    public void Add(string path, string target)
    {
        var node = _root;
        foreach (var part in path.Split('/'))
        {
            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            node = node.Children.TryGetValue(part, out var child) ? child : node.Children[part] = new Node();
        }
        node.Target = target;
        _links.Add((path, target));
    }

    /// <summary>The first symlink whose target leaves the working folder (or loops), with why; null when all stay inside.</summary>
    public (string Path, string Problem)? FirstProblem(CancellationToken cancellationToken)
    {
        foreach (var (path, target) in _links)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Problem(path, target, cancellationToken) is { } problem)
            {
                return (path, problem);
            }
        }
        return null;
    }

    /// <summary>
    /// Resolves the link at <paramref name="path"/>: going above the working folder at any step counts as leaving it,
    /// even if a later '..' would come back.
    /// </summary>
    private string? Problem(string path, string target, CancellationToken cancellationToken)
    {
        if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal))
        {
            return "an empty target or one holding NUL";
        }
        if (IsAbsolute(target))
        {
            return $"the absolute target '{GitPathRules.Printable(target)}'";
        }
        var nodes = new List<Node?> { _root };
        foreach (var part in path.Split('/').SkipLast(1))
        {
            nodes.Add(nodes[^1]?.Children?.GetValueOrDefault(part));
        }
        var pending = new LinkedList<string>(target.Split('/'));
        var hops = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            if (++_steps > MaxSteps)
            {
                return $"the target '{GitPathRules.Printable(target)}': resolving the tree's symlinks took more than {MaxSteps} steps";
            }
            if ((_steps & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var part = first.Value;
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (nodes.Count == 1)
                {
                    return $"the target '{GitPathRules.Printable(target)}', which leads out of the working folder";
                }
                nodes.RemoveAt(nodes.Count - 1);
                continue;
            }
            var node = nodes[^1]?.Children?.GetValueOrDefault(part);
            if (node?.Target is not { } next)
            {
                nodes.Add(node);
                continue;
            }
            if (++hops > GitPathRules.MaxLinkHops || IsAbsolute(next))
            {
                return $"the target '{GitPathRules.Printable(target)}', which passes through the symlink '{part}' " +
                    (hops > GitPathRules.MaxLinkHops ? $"and more than {GitPathRules.MaxLinkHops} symlinks" : "to an absolute path");
            }
            for (var segment = next.Split('/').Reverse().GetEnumerator(); segment.MoveNext();)
            {
                pending.AddFirst(segment.Current);
            }
        }
        return null;
    }

    private static bool IsAbsolute(string target) => target.StartsWith('/') || Path.IsPathRooted(target);

    private sealed class Node
    {
        public Dictionary<string, Node>? Children { get; set; }

        public string? Target { get; set; }
    }
}
