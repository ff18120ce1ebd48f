using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity.Support;

/// <summary>A test class with its own folder, its own fake clock and its own running hub.</summary>
public abstract class HubTestBase : IAsyncLifetime
{
    protected TempDirectory Dir { get; } = new();

    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected TestHub Hub { get; private set; } = null!;

    public async Task InitializeAsync() => Hub = await TestHub.StartAsync(Dir.Sub("hub"), Time);

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        Dir.Dispose();
    }
}
