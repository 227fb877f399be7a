namespace ReferralHub.EndToEnd.Tests.Scenario;

/// <summary>Message Bundles an agency sends the hub (<c>$process-message</c>, or its AMQP reply exchange).</summary>
public static class AgencyMessages
{
    /// <summary>A task-status-changed message from ngo-ng-edo carrying the Task as the agency changed it.</summary>
    public static Bundle TaskStatusChanged(FhirTask task)
    {
        var headerId = Guid.NewGuid().ToString();
        return new Bundle
        {
            Type = Bundle.BundleType.Message,
            Identifier = new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{Guid.NewGuid()}"),
            Timestamp = DateTimeOffset.UtcNow,
            Entry =
            [
                new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{headerId}",
                    Resource = new MessageHeader
                    {
                        Id = headerId,
                        Event = new Coding(Vocabulary.MessageEvent, "task-status-changed"),
                        Source = new MessageHeader.MessageSourceComponent { Endpoint = "urn:example:ngo-ng-edo" },
                        Focus = [new ResourceReference($"Task/{task.Id}")],
                    },
                },
                new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = task },
            ],
        };
    }
}
