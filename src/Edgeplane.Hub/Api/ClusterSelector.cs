using Edgeplane.ApiMachinery.Labels;
using StoreOperator = Edgeplane.Hub.Store.LabelOperator;
using StoreRequirement = Edgeplane.Hub.Store.LabelRequirement;

namespace Edgeplane.Hub.Api;

/// <summary>
/// The <c>selector</c> query of <c>GET /api/v1/clusters</c>: the Kubernetes label-selector grammar read by
/// <see cref="LabelSelector.Parse"/> (at most <see cref="MaxTerms"/> terms), turned into the store's query terms.
/// <c>&gt;</c> and <c>&lt;</c> are refused: the store compares labels as text.
/// </summary>
internal static class ClusterSelector
{
    /// <summary>Most terms in one selector.</summary>
    public const int MaxTerms = 32;

    public static bool TryParse(string? text, out IReadOnlyList<StoreRequirement> requirements, out string error)
    {
        requirements = [];
        error = "";
        try
        {
            var terms = new List<StoreRequirement>();
            foreach (var r in LabelSelector.Parse(text, maxTerms: MaxTerms).Requirements)
            {
                terms.Add(r.Operator switch
                {
                    LabelOperator.Equals or LabelOperator.In => new(r.Key, StoreOperator.In, r.Values),
                    LabelOperator.NotEquals or LabelOperator.NotIn => new(r.Key, StoreOperator.NotIn, r.Values),
                    LabelOperator.Exists => new(r.Key, StoreOperator.Exists, []),
                    LabelOperator.DoesNotExist => new(r.Key, StoreOperator.DoesNotExist, []),
                    _ => throw new LabelSelectorException(null, $"label selector term on '{r.Key}': > and < are not supported here; use =, !=, in, notin, key or !key"),
                });
            }
            requirements = terms;
            return true;
        }
        catch (LabelSelectorException e)
        {
            // The API has always named only the term; the reason is in the grammar (docs/api.md).
            error = e.Term is { } term ? $"invalid label selector term '{term}'" : e.Message;
            return false;
        }
    }
}
