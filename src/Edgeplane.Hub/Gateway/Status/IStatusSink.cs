namespace Edgeplane.Hub.Gateway.Status;

/// <summary>Where the <see cref="StatusWriter"/> reports what became of a status report (the agent's session).</summary>
internal interface IStatusSink
{
    /// <summary>The report with <paramref name="sequence"/> is durably stored (or was stored before): acknowledge it.</summary>
    void OnStatusStored(ulong sequence, long receivedTimestamp);

    /// <summary>The report could not be stored: end the session; the agent keeps it and resends after reconnecting.</summary>
    void OnStatusFailed(Exception error);
}
