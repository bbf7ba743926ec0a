package ca.microcred.notification.employer.rest;

import ca.microcred.notification.employer.Employer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(name = "Employer")
public record EmployerView(String id, String organisationName, String contactEmail, String preferredLanguage,
                           List<String> provincesOfInterest, Instant createdAt, Instant updatedAt) {

    public static EmployerView of(Employer employer) {
        return new EmployerView(employer.id, employer.organisationName, employer.contactEmail,
                employer.preferredLanguage,
                employer.provincesOfInterest == null ? List.of() : List.copyOf(employer.provincesOfInterest),
                employer.createdAt, employer.updatedAt);
    }
}
