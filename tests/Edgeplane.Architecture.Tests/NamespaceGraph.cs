using System.Reflection;
using System.Reflection.Emit;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// Which namespaces of one compiled assembly use which others: through signatures (base types, interfaces, fields,
/// properties, parameters, return types, generic arguments) and through method bodies (locals and every type, method
/// or field an instruction names), compiler-made types (lambdas, async state machines) counted with the type they
/// belong to.
/// </summary>
internal sealed class NamespaceGraph
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Assembly _assembly;
    private readonly Func<Type, bool> _skipFrom;

    private NamespaceGraph(Assembly assembly, Func<Type, bool> skipFrom)
    {
        _assembly = assembly;
        _skipFrom = skipFrom;
    }

    /// <summary>Namespace → the namespaces its types use (only namespaces of the same assembly; itself excluded).</summary>
    public Dictionary<string, HashSet<string>> Edges { get; } = new(StringComparer.Ordinal);

    /// <summary>Each edge with one type that makes it (for messages): (from, to) → "FromType → ToType".</summary>
    public Dictionary<(string From, string To), string> Witnesses { get; } = [];

    /// <summary>Builds the graph of <paramref name="assembly"/>, ignoring what types matching <paramref name="skipFrom"/> use.</summary>
    public static NamespaceGraph Of(Assembly assembly, Func<Type, bool> skipFrom)
    {
        var graph = new NamespaceGraph(assembly, skipFrom);
        foreach (var type in assembly.GetTypes())
        {
            graph.AddType(type);
        }
        return graph;
    }

    /// <summary>Every strongly connected set of more than one namespace (a cycle), each sorted, in a stable order.</summary>
    public List<List<string>> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        void Connect(string node)
        {
            indices[node] = low[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Edges.GetValueOrDefault(node) ?? [])
            {
                if (!indices.ContainsKey(next))
                {
                    Connect(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], indices[next]);
                }
            }
            if (low[node] == indices[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    result.Add(component.Order(StringComparer.Ordinal).ToList());
                }
            }
        }
        foreach (var node in Edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!indices.ContainsKey(node))
            {
                Connect(node);
            }
        }
        return result.OrderBy(c => c[0], StringComparer.Ordinal).ToList();
    }

    /// <summary>The namespace a type counts under: that of its outermost declaring type.</summary>
    public static string NamespaceOf(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type.Namespace ?? "";
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }

    private void AddType(Type type)
    {
        var owner = Outermost(type);
        if (_skipFrom(owner))
        {
            return;
        }
        Use(owner, type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Use(owner, contract);
        }
        foreach (var field in type.GetFields(Everything))
        {
            Use(owner, field.FieldType);
        }
        foreach (var property in type.GetProperties(Everything))
        {
            Use(owner, property.PropertyType);
        }
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            AddMethod(owner, method);
        }
    }

    private void AddMethod(Type owner, MethodBase method)
    {
        if (method is MethodInfo info)
        {
            Use(owner, info.ReturnType);
        }
        foreach (var parameter in method.GetParameters())
        {
            Use(owner, parameter.ParameterType);
        }
        var body = method.GetMethodBody();
        if (body is null)
        {
            return;
        }
        foreach (var local in body.LocalVariables)
        {
            Use(owner, local.LocalType);
        }
        foreach (var token in Tokens(body.GetILAsByteArray() ?? []))
        {
            Use(owner, Resolve(method, token));
        }
    }

    /// <summary>The metadata tokens of instructions that name a type, method or field.</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, position);
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                default:
                    position += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static IEnumerable<Type?> Resolve(MethodBase method, int token)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        MemberInfo? member;
        try
        {
            member = method.Module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            yield break;
        }
        switch (member)
        {
            case Type type:
                yield return type;
                break;
            case FieldInfo field:
                yield return field.DeclaringType;
                yield return field.FieldType;
                break;
            case MethodBase called:
                yield return called.DeclaringType;
                foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                {
                    yield return argument;
                }
                break;
        }
    }

    private void Use(Type owner, IEnumerable<Type?> types)
    {
        foreach (var type in types)
        {
            Use(owner, type);
        }
    }

    private void Use(Type owner, Type? used)
    {
        if (used is null || used.IsGenericParameter)
        {
            return;
        }
        if (used.HasElementType)
        {
            Use(owner, used.GetElementType());
            return;
        }
        if (used.IsGenericType && !used.IsGenericTypeDefinition)
        {
            foreach (var argument in used.GetGenericArguments())
            {
                Use(owner, argument);
            }
            used = used.GetGenericTypeDefinition();
        }
        if (used.Assembly != _assembly)
        {
            return;
        }
        var (from, to) = (NamespaceOf(owner), NamespaceOf(used));
        if (from == to)
        {
            return;
        }
        if (!Edges.TryGetValue(from, out var targets))
        {
            Edges[from] = targets = new HashSet<string>(StringComparer.Ordinal);
        }
        if (targets.Add(to))
        {
            Witnesses[(from, to)] = $"{owner.Name} → {Outermost(used).Name}";
        }
    }
}
