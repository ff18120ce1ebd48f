namespace Edgeplane.Agent.State;

/// <summary>
/// The live holder of the agent's <see cref="AgentCheckpoint"/>: the reconciler replaces it (new target, applied bundle,
/// revocation) and every change is saved through <see cref="CheckpointFile"/>; the hub link reads from it what Hello
/// reports (the applied digest and the newest target generation).
/// </summary>
internal sealed class CheckpointState(CheckpointFile file, AgentCheckpoint initial)
{
    private readonly Lock _lock = new();
    private AgentCheckpoint _current = initial;

    /// <summary>The checkpoint now.</summary>
    public AgentCheckpoint Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>
    /// Replaces the checkpoint with what <paramref name="change"/> makes of it, and saves it; returns false (and saves
    /// nothing) when <paramref name="change"/> returns null.
    /// </summary>
    public bool Update(Func<AgentCheckpoint, AgentCheckpoint?> change)
    {
        lock (_lock)
        {
            if (change(_current) is not { } next)
            {
                return false;
            }
            _current = next;
            file.Save(next);
            return true;
        }
    }
}
