namespace ReferralHub.Bench;

/// <summary>The README's referral (shelter-it-roma → ngo-ng-edo, vocational training), made unique per call.</summary>
public static class ReferralBundle
{
    public static string Create()
    {
        var patient = Guid.NewGuid();
        var consent = Guid.NewGuid();
        var observation = Guid.NewGuid();
        var request = Guid.NewGuid();
        return $$$"""
        {"resourceType":"Bundle","type":"transaction","entry":[
        {"fullUrl":"urn:uuid:{{{patient}}}","resource":{"resourceType":"Patient","name":[{"family":"Bench","given":["Load"]}],"gender":"female","birthDate":"1990-05-17"},"request":{"method":"POST","url":"Patient"}},
        {"fullUrl":"urn:uuid:{{{consent}}}","resource":{"resourceType":"Consent","status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},"category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],"patient":{"reference":"urn:uuid:{{{patient}}}"},"dateTime":"2026-11-28T10:00:00Z","organization":[{"reference":"Organization/shelter-it-roma"}],"policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},"provision":{"type":"deny","provision":[{"type":"permit","actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},"reference":{"reference":"Organization/ngo-ng-edo"}}],"purpose":[{"system":"http://referralhub.org/fhir/CodeSystem/purpose","code":"reintegration-assistance"}],"class":[{"system":"http://referralhub.org/fhir/CodeSystem/data-class","code":"referral"},{"system":"http://referralhub.org/fhir/CodeSystem/data-class","code":"name"},{"system":"http://referralhub.org/fhir/CodeSystem/data-class","code":"birth-year"},{"system":"http://referralhub.org/fhir/CodeSystem/data-class","code":"education"}]}]}},"request":{"method":"POST","url":"Consent"}},
        {"fullUrl":"urn:uuid:{{{observation}}}","resource":{"resourceType":"Observation","status":"final","category":[{"coding":[{"system":"http://referralhub.org/fhir/CodeSystem/data-class","code":"education"}]}],"code":{"text":"Schooling"},"subject":{"reference":"urn:uuid:{{{patient}}}"},"valueString":"secondary school"},"request":{"method":"POST","url":"Observation"}},
        {"fullUrl":"urn:uuid:{{{Guid.NewGuid()}}}","resource":{"resourceType":"Observation","status":"final","category":[{"coding":[{"system":"http://referralhub.org/fhir/CodeSystem/data-class","code":"health"}]}],"code":{"text":"Health"},"subject":{"reference":"urn:uuid:{{{patient}}}"},"valueString":"not shared"},"request":{"method":"POST","url":"Observation"}},
        {"fullUrl":"urn:uuid:{{{request}}}","resource":{"resourceType":"ServiceRequest","status":"active","intent":"order","category":[{"coding":[{"system":"http://referralhub.org/fhir/CodeSystem/reintegration-service","code":"vocational-training"}]}],"subject":{"reference":"urn:uuid:{{{patient}}}"},"requester":{"reference":"Organization/shelter-it-roma"},"performer":[{"reference":"Organization/ngo-ng-edo"}],"supportingInfo":[{"reference":"urn:uuid:{{{observation}}}"}]},"request":{"method":"POST","url":"ServiceRequest"}}]}
        """;
    }
}
