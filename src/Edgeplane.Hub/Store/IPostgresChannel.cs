namespace Edgeplane.Hub.Store;

/// <summary>A PostgreSQL notification channel the hub listens on (see <see cref="PostgresNotificationListener"/>).</summary>
internal interface IPostgresChannel
{
    /// <summary>The channel's name (a plain SQL identifier).</summary>
    string Name { get; }

    /// <summary>Handles one notification's payload; must not throw.</summary>
    void OnNotification(string payload);

    /// <summary>
    /// Called once LISTEN is active again after a failed attempt or a lost connection: notifications sent meanwhile are
    /// gone, so whoever depends on them must re-read the store.
    /// </summary>
    void OnReconnected();
}
