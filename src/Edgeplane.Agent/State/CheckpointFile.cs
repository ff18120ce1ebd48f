using System.Text.Json;

namespace Edgeplane.Agent.State;

/// <summary>
/// <see cref="AgentCheckpoint"/> on disk as <c>{state}/agent.json</c>, written atomically. A file that cannot be read is
/// an error naming it (the agent will not guess what it had applied).
/// </summary>
public sealed class CheckpointFile(string stateDirectory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _lock = new();

    /// <summary>Path of the file.</summary>
    public string Path { get; } = System.IO.Path.Combine(stateDirectory, "agent.json");

    /// <summary>The stored checkpoint, or an empty one when there is none yet.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is not a checkpoint.</exception>
    public AgentCheckpoint Load()
    {
        if (!File.Exists(Path))
        {
            return new AgentCheckpoint();
        }
        try
        {
            return JsonSerializer.Deserialize<AgentCheckpoint>(File.ReadAllBytes(Path), Json)
                ?? throw new InvalidOperationException($"agent state file '{Path}' is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"agent state file '{Path}' is not valid: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="checkpoint"/> atomically.</summary>
    public void Save(AgentCheckpoint checkpoint)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(checkpoint, Json);
        lock (_lock)
        {
            AtomicFile.Write(Path, bytes);
        }
    }
}
