using LibGit2Sharp;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>One entry of a tree written byte for byte by <see cref="TestRepo.RawTree"/>: mode as Git writes it (<c>100644</c>, <c>40000</c>, <c>120000</c>).</summary>
public sealed record RawTreeEntry(string Mode, string Name, ObjectId Id)
{
    public static RawTreeEntry File(string name, ObjectId blob) => new("100644", name, blob);

    public static RawTreeEntry Folder(string name, ObjectId tree) => new("40000", name, tree);

    public static RawTreeEntry Link(string name, ObjectId blob) => new("120000", name, blob);
}
