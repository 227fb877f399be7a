namespace ReferralHub.EndToEnd.Tests.Scenario;

/// <summary>Message Bundles an agency sends the hub (<c>$process-message</c>, or its AMQP reply exchange).</summary>
public static class AgencyMessages
{
    /// <summary>A task-status-changed message from ngo-ng-edo carrying the Task as the agency changed it.</summary>
    public static Bundle TaskStatusChanged(FhirTask task)
    {
        var headerId = Guid.NewGuid().ToString();
        return Message(
            new MessageHeader
            {
                Id = headerId,
                Event = new Coding(Vocabulary.MessageEvent, "task-status-changed"),
                Source = new MessageHeader.MessageSourceComponent { Endpoint = "urn:example:ngo-ng-edo" },
                Focus = [new ResourceReference($"Task/{task.Id}")],
            },
            task);
    }

    /// <summary>The agency's answer, ok, to the hub's message <paramref name="messageId"/> of that event.</summary>
    public static Bundle Acknowledgement(DataType messageEvent, string? messageId, string sourceEndpoint) => Message(
        new MessageHeader
        {
            Event = messageEvent,
            Source = new MessageHeader.MessageSourceComponent { Endpoint = sourceEndpoint },
            Response = new MessageHeader.ResponseComponent { Identifier = messageId, Code = MessageHeader.ResponseType.Ok },
        });

    private static Bundle Message(MessageHeader header, params Resource[] focus)
    {
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Message,
            Identifier = new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{Guid.NewGuid()}"),
            Timestamp = DateTimeOffset.UtcNow,
        };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{header.Id ?? Guid.NewGuid().ToString()}", Resource = header });
        bundle.Entry.AddRange(focus.Select(resource => new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = resource }));
        return bundle;
    }
}
