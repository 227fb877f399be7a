using Microsoft.AspNetCore.Builder;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>
/// One of the hub's four services. A service process hosts one; the embedded Server hosts all four in one process,
/// each with its own storage, talking to the others only through the bus.
/// </summary>
public interface IHubService
{
    /// <summary>Short lower-case name: the SQLite file, the PostgreSQL schema and the queue-name prefix.</summary>
    string Name { get; }

    void AddServices(WebApplicationBuilder builder);

    void MapEndpoints(WebApplication app);
}
