using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Tasks;

/// <summary>A stored Task row of either kind (a referral, a follow-up): its current version and its JSON.</summary>
public interface IVersionedTask
{
    string Id { get; }

    int VersionId { get; set; }

    DateTime LastUpdated { get; set; }

    string Status { get; set; }

    string Json { get; set; }
}

/// <summary>One way a Task changes: a new version, stamped and kept in the version history, in the caller's transaction.</summary>
public static class TaskVersions
{
    /// <summary>Writes <paramref name="task"/> as the row's next version with <paramref name="status"/>; returns the moment of the change.</summary>
    public static DateTimeOffset Append(GatewayDbContext db, IVersionedTask row, FhirTask task, string status)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(task);
        var now = db.Clock.GetUtcNow();
        task.LastModified = now.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        SubmittedResources.Stamp(task, row.VersionId + 1, now.UtcDateTime);
        row.VersionId++;
        row.LastUpdated = now.UtcDateTime;
        row.Status = status;
        row.Json = FhirJson.Serialize(task);
        db.ResourceVersions.Add(new ResourceVersion { ResourceType = "Task", Id = row.Id, VersionId = row.VersionId, LastUpdated = row.LastUpdated, Json = row.Json });
        return now;
    }
}
