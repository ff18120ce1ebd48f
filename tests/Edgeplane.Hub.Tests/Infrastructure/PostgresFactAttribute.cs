namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>A fact that needs PostgreSQL: reported as skipped (never passed) when <c>EDGEPLANE_SKIP_POSTGRES=1</c>; without it, a missing PostgreSQL fails the test.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Skipped)
        {
            Skip = PostgresServer.SkipReason;
        }
    }
}
