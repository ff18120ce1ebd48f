using Edgeplane.ApiMachinery.Labels;
using Edgeplane.Model.Rollouts;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Tests.Rollouts;

public sealed class WaveAssignmentTests
{
    private static readonly Dictionary<string, string> NoLabels = [];

    private static RolloutMember Edge(string name, bool canary = false) =>
        new(name, "edge", "eu", "s-" + name, canary ? new Dictionary<string, string> { ["canary"] = "true" } : NoLabels);

    private static RolloutMember Layer(string name, string layer) => new(name, layer, "eu", null, NoLabels);

    private static PlacementSpec Layers(params string[] layers) => new(layers, [], [], [], null);

    private static RolloutSpec Policy(IntOrPercent maxUnavailable, params WaveSpec[] waves) =>
        new(new PlacementSpec([], [], [], [], LabelSelector.Everything), waves, maxUnavailable, TimeSpan.FromMinutes(5), [], [],
            RollbackSpec.Default);

    private static WaveSpec Wave(string name, PlacementSpec target, int? percentage = null, IntOrPercent? max = null) =>
        new(name, target, percentage, max, null);

    [Fact]
    public void A_cluster_joins_the_first_wave_that_matches_it_and_unmatched_clusters_form_rest()
    {
        var canary = new PlacementSpec([], [], [], [], LabelSelector.Parse("canary=true"));
        var policy = Policy(new IntOrPercent(1, false), Wave("canary", canary), Wave("edge", Layers("edge")), Wave("cloud", Layers("cloud")));

        var waves = WaveAssignment.Assign(policy, [Edge("a", canary: true), Edge("b"), Layer("c", "cloud"), Layer("r", "regional")]);

        Assert.Equal(["canary", "edge", "cloud", WaveAssignment.RestWave], waves.Select(w => w.Name));
        Assert.Equal(["a"], waves[0].Clusters);
        Assert.Equal(["b"], waves[1].Clusters);
        Assert.Equal(["c"], waves[2].Clusters);
        Assert.Equal(["r"], waves[3].Clusters);
    }

    [Fact]
    public void Waves_without_clusters_are_kept_and_no_rest_wave_when_every_cluster_is_taken()
    {
        var policy = Policy(new IntOrPercent(1, false), Wave("cloud", Layers("cloud")), Wave("edge", Layers("edge")));

        var waves = WaveAssignment.Assign(policy, [Edge("a")]);

        Assert.Equal(["cloud", "edge"], waves.Select(w => w.Name));
        Assert.Empty(waves[0].Clusters);
    }

    [Fact]
    public void A_wave_with_no_criteria_takes_every_cluster_left()
    {
        var policy = Policy(new IntOrPercent(1, false), Wave("cloud", Layers("cloud")), Wave("all", PlacementSpec.None));

        var waves = WaveAssignment.Assign(policy, [Edge("a"), Layer("r", "regional"), Layer("c", "cloud")]);

        Assert.Equal(["c"], waves[0].Clusters);
        Assert.Equal(2, waves[1].Clusters.Count);
        Assert.Equal(2, waves.Count);
    }

    [Theory]
    [InlineData(10, 20, 2)]
    [InlineData(10, 21, 3)] // ceil(2.1)
    [InlineData(10, 3, 1)] // at least one
    [InlineData(100, 7, 7)]
    public void Percentage_keeps_the_ceiling_share_in_hash_order_and_the_rest_fall_through(int percent, int count, int kept)
    {
        var members = Enumerable.Range(0, count).Select(i => Edge($"site-{i:D3}")).ToList();
        var policy = Policy(new IntOrPercent(1, false), Wave("first", Layers("edge"), percent), Wave("edge", Layers("edge")));

        var waves = WaveAssignment.Assign(policy, members);

        Assert.Equal(kept, waves[0].Clusters.Count);
        Assert.Equal(count - kept, waves[1].Clusters.Count);
        var expectedOrder = members.Select(m => m.Name).OrderBy(WaveAssignment.OrderKey, StringComparer.Ordinal).ToList();
        Assert.Equal(expectedOrder.Take(kept), waves[0].Clusters);
        Assert.Equal(expectedOrder.Skip(kept), waves[1].Clusters);
    }

    [Fact]
    public void Members_are_ordered_by_the_sha256_of_their_names_not_alphabetically()
    {
        var members = new[] { "alpha", "bravo", "charlie", "delta", "echo" }.Select(n => Edge(n)).ToList();

        var wave = WaveAssignment.Assign(Policy(new IntOrPercent(1, false), Wave("edge", Layers("edge"))), members)[0];

        Assert.Equal(members.Select(m => m.Name).OrderBy(WaveAssignment.OrderKey, StringComparer.Ordinal), wave.Clusters);
        Assert.NotEqual(members.Select(m => m.Name), wave.Clusters);
        Assert.Equal("8ed3f6ad685b959ead7022518e1af76cd816f8e8ec7ccdda1ed4018e8f2223f8", WaveAssignment.OrderKey("alpha"));
    }

    [Theory]
    [InlineData(false, 0, 10, 1)] // a count of 0 still moves one at a time
    [InlineData(false, 3, 10, 3)]
    [InlineData(true, 25, 10, 2)] // 2.5 rounds down
    [InlineData(true, 5, 10, 1)] // 0.5 rounds down, minimum 1
    [InlineData(true, 100, 10, 10)]
    public void MaxUnavailable_is_a_count_or_a_percentage_rounded_down_with_a_minimum_of_one(bool percent, int value, int members, int expected)
    {
        var list = Enumerable.Range(0, members).Select(i => Edge($"e{i}")).ToList();

        var wave = WaveAssignment.Assign(Policy(new IntOrPercent(value, percent), Wave("edge", Layers("edge"))), list)[0];

        Assert.Equal(expected, wave.MaxUnavailable);
    }

    [Fact]
    public void A_wave_overrides_the_rollouts_max_unavailable_and_soak()
    {
        var policy = Policy(new IntOrPercent(1, false), new WaveSpec("edge", Layers("edge"), null, new IntOrPercent(50, true), TimeSpan.FromSeconds(7)));

        var wave = WaveAssignment.Assign(policy, [Edge("a"), Edge("b"), Edge("c"), Edge("d")])[0];

        Assert.Equal(2, wave.MaxUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(7), wave.SoakTime);
        Assert.Equal(TimeSpan.FromMinutes(5), WaveAssignment.Assign(policy with { Waves = [Wave("edge", Layers("edge"))] }, [Edge("a")])[0].SoakTime);
    }

    [Fact]
    public void Governs_every_cluster_without_spec_clusters_and_only_the_placed_ones_with_it()
    {
        var all = Policy(new IntOrPercent(1, false), Wave("w", PlacementSpec.None));
        var edgeOnly = all with { Clusters = Layers("edge") };

        Assert.True(WaveAssignment.Governs(all, Layer("c", "cloud")));
        Assert.True(WaveAssignment.Governs(edgeOnly, Edge("e")));
        Assert.False(WaveAssignment.Governs(edgeOnly, Layer("c", "cloud")));
    }
}
