using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Tests.Loading;

/// <summary>
/// ClusterTemplate parameters are typed and validated: the template's own declaration (a default satisfies its own
/// rules, constraints fit the type, patterns are bounded) and every Cluster's spec.provisioning.parameters, each error at
/// the offending value's file:line:col with the parameter and the template named.
/// </summary>
public sealed class TemplateParameterTests : IDisposable
{
    private readonly TempFleet _fleet = new();

    public TemplateParameterTests() => _fleet.Add("typed-template", "templates");

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public void Load_TypedValues_BoundWithTheirTypes()
    {
        Provision("      region: eu-west-1\n      replicas: 5\n      tier: large\n      public: true\n      flavor: 4\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var template = result.Fleet!.ClusterTemplates.Find("capi")!.Spec;
        Assert.Equal([TemplateParameterType.Integer, TemplateParameterType.String, TemplateParameterType.Enum, TemplateParameterType.Boolean, null],
            template.Parameters.Select(p => p.Type));
        Assert.Equal((1L, 9L), (template.Parameters[0].Minimum, template.Parameters[0].Maximum));
        Assert.Equal(["small", "medium", "large"], template.Parameters[2].Enum);
        var provisioning = result.Fleet.Clusters.Find("cloud-1")!.Spec.Provisioning!;
        Assert.Equal(DeletionPolicy.Retain, provisioning.DeletionPolicy);
        Assert.Equal("5", provisioning.Parameters["replicas"].Text);
    }

    [Theory]
    [InlineData("      replicas: \"5\"\n", "clusters/cloud-1.yaml:14:17: Cluster \"cloud-1\": spec.provisioning.parameters.replicas must be a whole number, not the string \"5\" (parameter \"replicas\" of ClusterTemplate \"capi\")")]
    [InlineData("      replicas: 2.5\n", "clusters/cloud-1.yaml:14:17: Cluster \"cloud-1\": spec.provisioning.parameters.replicas must be a whole number, not the number 2.5 (parameter \"replicas\" of ClusterTemplate \"capi\")")]
    [InlineData("      replicas: 0\n", "clusters/cloud-1.yaml:14:17: Cluster \"cloud-1\": spec.provisioning.parameters.replicas must be at least 1, not 0 (parameter \"replicas\" of ClusterTemplate \"capi\")")]
    [InlineData("      replicas: 10\n", "clusters/cloud-1.yaml:14:17: Cluster \"cloud-1\": spec.provisioning.parameters.replicas must be at most 9, not 10 (parameter \"replicas\" of ClusterTemplate \"capi\")")]
    [InlineData("      tier: larg\n", "clusters/cloud-1.yaml:14:13: Cluster \"cloud-1\": spec.provisioning.parameters.tier must be one of small, medium, large, not the string \"larg\"; did you mean \"large\"? (parameter \"tier\" of ClusterTemplate \"capi\")")]
    [InlineData("      tier: 3\n", "clusters/cloud-1.yaml:14:13: Cluster \"cloud-1\": spec.provisioning.parameters.tier must be one of small, medium, large, not the number 3 (parameter \"tier\" of ClusterTemplate \"capi\")")]
    [InlineData("      public: yes\n", "clusters/cloud-1.yaml:14:15: Cluster \"cloud-1\": spec.provisioning.parameters.public must be true or false, not the string \"yes\" (parameter \"public\" of ClusterTemplate \"capi\")")]
    [InlineData("      flavor: [a]\n", "clusters/cloud-1.yaml:14:15: Cluster \"cloud-1\": spec.provisioning.parameters.flavor must be a string, number or boolean, not a list")]
    public void Load_ParameterOfTheWrongKind_RefusedAtTheValue(string value, string error) =>
        AssertErrors("      region: eu-west-1\n" + value, error);

    [Theory]
    [InlineData("      region: EU-WEST-1\n", "clusters/cloud-1.yaml:13:15: Cluster \"cloud-1\": spec.provisioning.parameters.region must match the pattern [a-z]{2}-[a-z]+-[0-9], not \"EU-WEST-1\" (parameter \"region\" of ClusterTemplate \"capi\")")]
    [InlineData("      region: eu-west-1x\n", "clusters/cloud-1.yaml:13:15: Cluster \"cloud-1\": spec.provisioning.parameters.region must match the pattern [a-z]{2}-[a-z]+-[0-9], not \"eu-west-1x\" (parameter \"region\" of ClusterTemplate \"capi\")")]
    [InlineData("      region: 12\n", "clusters/cloud-1.yaml:13:15: Cluster \"cloud-1\": spec.provisioning.parameters.region must be a string, not the number 12 (quote it) (parameter \"region\" of ClusterTemplate \"capi\")")]
    public void Load_StringThatDoesNotMatchItsPattern_RefusedAtTheValue(string value, string error) => AssertErrors(value, error);

    [Fact]
    public void Load_UnknownParameter_RefusedWithTheTemplatesParameters() =>
        AssertErrors("      region: eu-west-1\n      replica: 3\n",
            "clusters/cloud-1.yaml:14:16: Cluster \"cloud-1\": spec.provisioning.parameters.replica is not a parameter of ClusterTemplate \"capi\"; did you mean \"replicas\"? (its parameters are flavor, public, region, replicas, tier)");

    [Fact]
    public void Load_RequiredParameterMissing_RefusedNamingItsType() =>
        AssertErrors("      tier: small\n",
            "clusters/cloud-1.yaml:13:7: Cluster \"cloud-1\": ClusterTemplate \"capi\" needs the parameter \"region\" (string: cloud region, e.g. eu-west-1) in spec.provisioning.parameters");

    [Theory]
    [InlineData("m1.xlarge")]
    [InlineData("8")]
    [InlineData("true")]
    public void Load_UntypedParameter_TakesAnyScalarAsBefore(string value)
    {
        Provision($"      region: eu-west-1\n      flavor: {value}\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(value, result.Fleet!.Clusters.Find("cloud-1")!.Spec.Provisioning!.Parameters["flavor"].Text);
    }

    [Theory]
    [InlineData("      default: 3\n      minimum: 4\n", "templates/capi.yaml:13:16: ClusterTemplate \"capi\": spec.parameters[0].default must be at least 4, not 3")]
    [InlineData("      default: three\n", "templates/capi.yaml:13:16: ClusterTemplate \"capi\": spec.parameters[0].default must be a whole number, not the string \"three\"")]
    [InlineData("      default: 3\n      minimum: 9\n      maximum: 1\n", "templates/capi.yaml:15:16: ClusterTemplate \"capi\": spec.parameters[0].maximum 1 is below spec.parameters[0].minimum 9")]
    [InlineData("      default: 3\n      pattern: '[0-9]'\n", "templates/capi.yaml:14:16: ClusterTemplate \"capi\": spec.parameters[0].pattern is only for type: string")]
    [InlineData("      default: 3\n      enum: [a]\n", "templates/capi.yaml:14:13: ClusterTemplate \"capi\": spec.parameters[0].enum is only for type: enum")]
    public void Load_IntegerDeclarationThatContradictsItself_RefusedInTheTemplate(string declaration, string error) =>
        AssertTemplateErrors("    - name: replicas\n      type: integer\n" + declaration, error);

    [Theory]
    [InlineData("      type: enum\n", "templates/capi.yaml:12:13: ClusterTemplate \"capi\": spec.parameters[0].type: a parameter of type enum lists its values in spec.parameters[0].enum")]
    [InlineData("      type: enum\n      enum: [a, b, a]\n", "templates/capi.yaml:13:13: ClusterTemplate \"capi\": spec.parameters[0].enum lists \"a\" twice")]
    [InlineData("      type: enum\n      enum: [small, medium]\n      default: large\n", "templates/capi.yaml:14:16: ClusterTemplate \"capi\": spec.parameters[0].default must be one of small, medium, not the string \"large\"")]
    [InlineData("      type: string\n      pattern: '[a-z'\n", "templates/capi.yaml:13:16: ClusterTemplate \"capi\": spec.parameters[0].pattern is not a valid regular expression: Invalid pattern '[a-z' at offset 4. Unterminated [] set.")]
    [InlineData("      type: string\n      pattern: '(a+)\\1'\n", "templates/capi.yaml:13:16: ClusterTemplate \"capi\": spec.parameters[0].pattern cannot be matched in linear time (no backreferences, lookarounds or atomic groups): RegexOptions.NonBacktracking is not supported in conjunction with expressions containing: 'backreference (\\ number)'.")]
    [InlineData("      type: string\n      pattern: 'a)|(b'\n", "templates/capi.yaml:13:16: ClusterTemplate \"capi\": spec.parameters[0].pattern is not a valid regular expression: Invalid pattern 'a)|(b' at offset 2. Too many )'s.")]
    [InlineData("      type: string\n      pattern: '[a-z]+'\n      default: ABC\n", "templates/capi.yaml:14:16: ClusterTemplate \"capi\": spec.parameters[0].default must match the pattern [a-z]+, not \"ABC\"")]
    [InlineData("      type: boolean\n      default: \"true\"\n", "templates/capi.yaml:13:16: ClusterTemplate \"capi\": spec.parameters[0].default must be true or false, not the string \"true\"")]
    [InlineData("      type: number\n", "templates/capi.yaml:12:13: ClusterTemplate \"capi\": spec.parameters[0].type \"number\" must be one of string, integer, boolean, enum")]
    [InlineData("      minimum: 1\n", "templates/capi.yaml:12:16: ClusterTemplate \"capi\": spec.parameters[0].minimum is only for type: integer")]
    public void Load_BadDeclaration_RefusedInTheTemplate(string declaration, string error) =>
        AssertTemplateErrors("    - name: p\n" + declaration, error);

    [Fact]
    public void Load_PatternLongerThanTheLimit_Refused() =>
        AssertTemplateErrors($"    - name: p\n      type: string\n      pattern: '{new string('a', 1025)}'\n",
            "templates/capi.yaml:13:16: ClusterTemplate \"capi\": spec.parameters[0].pattern is longer than 1024 characters");

    [Fact]
    public void Load_ValueLongerThanTheLimit_Refused() =>
        AssertTemplateErrors($"    - name: p\n      type: string\n      default: '{new string('a', 4097)}'\n",
            "templates/capi.yaml:13:16: ClusterTemplate \"capi\": spec.parameters[0].default is longer than 4096 characters (4097)");

    /// <summary>
    /// A pattern that makes a backtracking engine take exponential time answers at once, the same on any machine: the
    /// verdict never depends on a match timeout (which on a loaded hub refused valid defaults).
    /// </summary>
    [Fact]
    public void Load_CatastrophicPatternOnALongValue_AnsweredInLinearTime() =>
        AssertTemplateErrors($"    - name: p\n      type: string\n      pattern: '(a+)+b'\n      default: '{new string('a', 4000)}'\n",
            $"templates/capi.yaml:14:16: ClusterTemplate \"capi\": spec.parameters[0].default must match the pattern (a+)+b, not \"{new string('a', 4000)}\"");

    [Fact]
    public void Load_DeletionPolicyDelete_Bound()
    {
        Provision("      region: eu-west-1\n", "    deletionPolicy: Delete\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(DeletionPolicy.Delete, result.Fleet!.Clusters.Find("cloud-1")!.Spec.Provisioning!.DeletionPolicy);
    }

    [Theory]
    [InlineData("delete", "clusters/cloud-1.yaml:12:21: Cluster \"cloud-1\": spec.provisioning.deletionPolicy \"delete\" must be one of Retain, Delete; did you mean \"Delete\"?")]
    [InlineData("Orphan", "clusters/cloud-1.yaml:12:21: Cluster \"cloud-1\": spec.provisioning.deletionPolicy \"Orphan\" must be one of Retain, Delete")]
    public void Load_UnknownDeletionPolicy_Refused(string policy, string error)
    {
        Provision("      region: eu-west-1\n", $"    deletionPolicy: {policy}\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Null(result.Fleet);
        Assert.Equal([error], result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal("InvalidValue", result.Diagnostics.Single().Code);
    }

    [Fact]
    public void Load_EveryParameterProblem_CodedByKind()
    {
        Provision("      replicas: 0\n      replica: 3\n");

        var result = FleetLoader.Load(_fleet.Root);

        // In file order: the missing one at spec.provisioning.parameters, then replicas (line 13), then replica (line 14).
        Assert.Equal(["TemplateParameterMissing", "TemplateParameterInvalid", "TemplateParameterUnknown"], result.Diagnostics.Select(d => d.Code));
        Assert.Null(result.Fleet);
    }

    private void Provision(string parameters, string extra = "") =>
        _fleet.Replace("clusters/cloud-1.yaml", "  provider: eks\n",
            $"  provider: eks\n  provisioning:\n    template: capi\n    managementCluster: edge-a\n{extra}    parameters:\n{parameters}");

    private void AssertErrors(string parameters, params string[] expected)
    {
        Provision(parameters);

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Null(result.Fleet);
        Assert.Equal(expected, result.Diagnostics.Select(d => d.ToString()));
    }

    private void AssertTemplateErrors(string parameter, string expected)
    {
        var path = Path.Combine(_fleet.Root, "templates", "capi.yaml");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.IndexOf("  parameters:\n", StringComparison.Ordinal) + 14)] + parameter);

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Null(result.Fleet);
        Assert.Equal([expected], result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(expected.Contains("must be one of string", StringComparison.Ordinal) ? "InvalidValue" : "TemplateParameterInvalid",
            result.Diagnostics.Single().Code);
    }
}
