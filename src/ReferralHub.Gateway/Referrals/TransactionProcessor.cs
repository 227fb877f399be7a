using System.Globalization;
using Hl7.Fhir.Model;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Referrals;

/// <summary>
/// <c>POST /fhir</c>: a transaction Bundle is created all or nothing; a batch Bundle's entries are created one by one,
/// each answered on its own. Entries create resources (POST); other methods are not supported in Bundles.
/// </summary>
public sealed class TransactionProcessor(ReferralSubmission submission)
{
    public async Task<Bundle> ProcessAsync(FhirCaller caller, Bundle bundle, CancellationToken cancellationToken)
    {
        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Batch))
        {
            throw FhirInputException.Unprocessable("POST /fhir takes a Bundle of type transaction or batch.");
        }

        if (bundle.Entry.Count == 0)
        {
            throw FhirInputException.Unprocessable("The Bundle has no entries.");
        }

        var entries = bundle.Entry.Select(ToEntry).ToList();
        if (bundle.Type == Bundle.BundleType.Transaction)
        {
            var created = await submission.SubmitAsync(caller, entries, cancellationToken);
            return Response(Bundle.BundleType.TransactionResponse, created.Select(Created));
        }

        var results = new List<Bundle.EntryComponent>();
        foreach (var entry in entries)
        {
            try
            {
                results.Add(Created((await submission.SubmitAsync(caller, [entry], cancellationToken))[0]));
            }
            catch (FhirInputException ex)
            {
                results.Add(new Bundle.EntryComponent
                {
                    Response = new Bundle.ResponseComponent
                    {
                        Status = ex.Status.ToString(CultureInfo.InvariantCulture),
                        Outcome = Outcomes.Error(ex.IssueCode, ex.Message, ex.Details, ex.Issues),
                    },
                });
            }
        }

        return Response(Bundle.BundleType.BatchResponse, results);
    }

    private static SubmissionEntry ToEntry(Bundle.EntryComponent entry, int index)
    {
        if (entry.Request?.Method != Bundle.HTTPVerb.POST || entry.Resource is null)
        {
            throw new FhirInputException(405, "Bundle entries must create a resource: request.method POST with a resource.");
        }

        if (entry.Request.Url is { } url && url != entry.Resource.TypeName)
        {
            throw new FhirInputException(400, $"An entry's request.url '{url}' does not match its {entry.Resource.TypeName}.");
        }

        return new SubmissionEntry(entry.FullUrl, entry.Resource, $"Bundle.entry[{index}].resource");
    }

    private static Bundle.EntryComponent Created(Resource resource) => new()
    {
        Response = new Bundle.ResponseComponent
        {
            Status = "201 Created",
            Location = $"{resource.TypeName}/{resource.Id}/_history/{resource.Meta?.VersionId}",
            Etag = $"W/\"{resource.Meta?.VersionId}\"",
            LastModified = resource.Meta?.LastUpdated,
        },
    };

    private static Bundle Response(Bundle.BundleType type, IEnumerable<Bundle.EntryComponent> entries)
    {
        var bundle = new Bundle { Id = Guid.NewGuid().ToString(), Type = type };
        bundle.Entry.AddRange(entries);
        return bundle;
    }
}
