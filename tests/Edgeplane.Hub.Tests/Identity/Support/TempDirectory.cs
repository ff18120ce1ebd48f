namespace Edgeplane.Hub.Tests.Identity.Support;

/// <summary>A folder of its own for one test, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("edgeplane-identity-").FullName;

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
