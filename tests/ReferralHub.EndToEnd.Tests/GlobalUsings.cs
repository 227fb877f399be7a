global using Hl7.Fhir.Model;
global using FhirTask = Hl7.Fhir.Model.Task;
global using Task = System.Threading.Tasks.Task;
global using FhirConsent = Hl7.Fhir.Model.Consent;
