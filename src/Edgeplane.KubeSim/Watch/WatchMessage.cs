namespace Edgeplane.KubeSim.Watch;

/// <summary>One line of a watch stream: the type and the object's JSON, ready to write.</summary>
internal readonly record struct WatchMessage(WatchEventType Type, byte[] Object);
