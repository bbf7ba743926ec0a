package ca.microcred.notification.employer.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An employer profile as sent on creation and on update. Validation happens in the service so that one answer lists
 * every problem.
 *
 * @param id only on creation, and only needed by operators: an employer token always creates its own profile
 */
@Schema(name = "EmployerProfile")
public record EmployerRequest(
        @Schema(description = "Employer id (the employer_id claim). Operators must give it; an employer token may "
                + "omit it or repeat its own", examples = "emp-northwind")
        String id,
        @Schema(description = "Organisation name", examples = "Northwind Analytics Inc.", required = true)
        String organisationName,
        @Schema(description = "Where emails go", examples = "talent@northwind.example.ca", required = true)
        String contactEmail,
        @Schema(description = "en or fr: language of the emails", examples = "fr", required = true)
        String preferredLanguage,
        @Schema(description = "Province codes the employer recruits in", examples = "[\"QC\", \"ON\"]")
        List<String> provincesOfInterest) {
}
