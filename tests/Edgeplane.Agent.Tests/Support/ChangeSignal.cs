namespace Edgeplane.Agent.Tests.Support;

/// <summary>
/// Something that happened (a report arrived, an agent finished a pass, a session opened). Waiters take
/// <see cref="Next"/>, check their condition, and await it: no polling, no sleeping.
/// </summary>
public sealed class ChangeSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = New();

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next
    {
        get
        {
            lock (_lock)
            {
                return _next.Task;
            }
        }
    }

    public void Notify()
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            done = _next;
            _next = New();
        }
        done.TrySetResult();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
