using System.Reflection;
using System.Reflection.Emit;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// Which namespaces of a compiled assembly use which, read by reflection: every type's base type and interfaces, its
/// fields, properties and events, its method and constructor signatures and local variables, and every type, method and
/// field its IL refers to. Compiler-generated closures and state machines are nested types, so what they use counts for
/// the namespace of the type that declares them. Constants leave no trace (the compiler copies their values).
/// </summary>
internal sealed class NamespaceGraph
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic |
        BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>For each namespace, the namespaces it uses, each with one example of a use ("HubLink uses IBundleSource").</summary>
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    /// <summary>
    /// The graph of the namespaces of <paramref name="assembly"/> that are <paramref name="root"/> or below it, leaving
    /// out what the types matching <paramref name="skip"/> use (e.g. a composition root that wires every part).
    /// </summary>
    public static NamespaceGraph Of(Assembly assembly, string root, Func<Type, bool>? skip = null)
    {
        var graph = new NamespaceGraph();
        bool InScope(string? ns) => ns is not null && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal));
        foreach (var type in assembly.GetTypes().Where(t => InScope(t.Namespace) && !(skip?.Invoke(Outermost(t)) ?? false)))
        {
            foreach (var used in UsedBy(type).Where(u => InScope(u.Namespace) && u.Namespace != type.Namespace))
            {
                graph.Add(type.Namespace!, used.Namespace!, $"{Outermost(type).Name} uses {Outermost(used).Name}");
            }
        }
        return graph;
    }

    /// <summary>True when <paramref name="from"/> uses <paramref name="to"/>.</summary>
    public bool Uses(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    /// <summary>An example of <paramref name="from"/> using <paramref name="to"/>, or null.</summary>
    public string? Example(string from, string to) =>
        _edges.TryGetValue(from, out var targets) && targets.TryGetValue(to, out var example) ? example : null;

    /// <summary>Every group of namespaces that use each other in a circle (strongly connected, more than one), sorted.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var nodes = _edges.Keys.Concat(_edges.Values.SelectMany(t => t.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        return [.. nodes
            .Select(n => nodes.Where(m => Reaches(n, m) && Reaches(m, n)).ToList())
            .Where(group => group.Count > 1)
            .DistinctBy(group => string.Join(",", group))];
    }

    /// <summary>The uses inside <paramref name="cycle"/>, one line each.</summary>
    public string Explain(IReadOnlyList<string> cycle) =>
        string.Join("; ", cycle.SelectMany(from => cycle.Where(to => Uses(from, to)).Select(to => $"{from} → {to} ({Example(from, to)})")));

    private void Add(string from, string to, string example)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        }
        targets.TryAdd(to, example);
    }

    private bool Reaches(string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>([from]);
        while (next.TryPop(out var node))
        {
            foreach (var target in _edges.TryGetValue(node, out var targets) ? targets.Keys : Enumerable.Empty<string>())
            {
                if (target == to)
                {
                    return true;
                }
                if (seen.Add(target))
                {
                    next.Push(target);
                }
            }
        }
        return false;
    }

    private static IEnumerable<Type> UsedBy(Type type)
    {
        var direct = new List<Type?> { type.BaseType };
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(Declared).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(Declared).Select(p => p.PropertyType));
        direct.AddRange(type.GetEvents(Declared).Select(e => e.EventHandlerType));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            direct.Add((method as MethodInfo)?.ReturnType);
            direct.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
            direct.AddRange(UsedInIl(method));
        }
        return direct.OfType<Type>().SelectMany(Expand);
    }

    /// <summary>The types behind every type, method, field and token operand of <paramref name="method"/>'s IL.</summary>
    private static IEnumerable<Type?> UsedInIl(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var op = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += op.Size;
            if (op.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                foreach (var used in Resolve(method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs)))
                {
                    yield return used;
                }
            }
            i += OperandSize(op.OperandType, il, i);
        }
    }

    private static IEnumerable<Type?> Resolve(MemberInfo? member) => member switch
    {
        Type type => [type],
        FieldInfo field => [field.DeclaringType, field.FieldType],
        MethodInfo method => [method.DeclaringType, method.ReturnType, .. method.GetGenericArguments(),
            .. method.GetParameters().Select(p => p.ParameterType)],
        ConstructorInfo ctor => [ctor.DeclaringType],
        _ => [],
    };

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };

    /// <summary>A type and everything it is made of: element types, generic arguments and definitions.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            return Expand(type.GetElementType()!);
        }
        if (type.IsGenericParameter)
        {
            return [];
        }
        if (type.IsConstructedGenericType)
        {
            return [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Expand)];
        }
        return [type];
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }
}
