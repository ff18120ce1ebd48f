namespace Edgeplane.ApiMachinery.Labels;

/// <summary>
/// A Kubernetes label selector: requirements that must all hold; an empty selector matches everything. Written as
/// text (<see cref="Parse"/>: <c>app=web,tier in (a,b),!legacy</c>) or structured (<see cref="Of"/>: a resource's
/// <c>matchLabels</c> and <c>matchExpressions</c>); both evaluate the same way.
/// </summary>
public sealed partial class LabelSelector
{
    private readonly LabelRequirement[] _requirements;

    private LabelSelector(LabelRequirement[] requirements) => _requirements = requirements;

    /// <summary>The selector with no requirements.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>The requirements, in the order written.</summary>
    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    /// <summary>True when there are no requirements (everything matches).</summary>
    public bool IsEmpty => _requirements.Length == 0;

    /// <summary>A selector of these requirements, e.g. matchLabels as <see cref="LabelOperator.Equals"/> and matchExpressions.</summary>
    public static LabelSelector Of(IEnumerable<LabelRequirement> requirements) => new([.. requirements]);

    /// <summary>True when every requirement holds for <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }
}
