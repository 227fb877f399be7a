using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.AuditTool;

/// <summary>The Gateway's database, opened for reading: its SQLite file in the data folder, or its PostgreSQL schema.</summary>
public static class GatewayDatabase
{
    public static GatewayDbContext Open(CommandLine command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new DbContextOptionsBuilder<GatewayDbContext>();
        if (command.DataFolder is { } folder)
        {
            var file = Path.Combine(folder, GatewayService.ServiceName + ".db");
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"There is no Gateway database at {file}.", file);
            }

            options.UseSqlite($"Data Source={file};Mode=ReadOnly");
        }
        else
        {
            options.UseNpgsql(command.Postgres);
        }

        return new GatewayDbContext(options.Options);
    }
}
