package ca.microcred.issuer.cohort.rest;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.Province;
import ca.microcred.issuer.cohort.CohortDetails;
import ca.microcred.issuer.provider.Violations;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A cohort as a provider schedules it; dates and enumerations arrive as text so all problems are reported at once. */
@Schema(name = "CohortRequest")
public record CohortRequest(
        @Schema(required = true, examples = "2027-01-11", description = "ISO date") String startDate,
        @Schema(required = true, examples = "2027-03-19", description = "ISO date, not before startDate") String endDate,
        @Schema(required = true, description = "Province or territory code", examples = "QC") String province,
        @Schema(description = "Region within the province", examples = "Montérégie") String region,
        @Schema(required = true, enumeration = {"ONLINE", "IN_PERSON", "HYBRID"}) String deliveryMode,
        @Schema(required = true, description = "BCP 47 tag of the teaching language", examples = "fr-CA") String language,
        @Schema(required = true, description = "Seats, more than 0") Integer capacity) {

    CohortDetails toDetails() {
        Violations v = new Violations();
        LocalDate start = date(v, "startDate", startDate);
        LocalDate end = date(v, "endDate", endDate);
        if (start != null && end != null && end.isBefore(start)) {
            v.add("endDate", "must not be before startDate");
        }
        Province parsedProvince = v.requireEnum("province", province, Province.class);
        v.optionalText("region", region, 200);
        DeliveryMode mode = v.requireEnum("deliveryMode", deliveryMode, DeliveryMode.class);
        v.requireLanguageTag("language", language);
        if (v.requirePresent("capacity", capacity) && (capacity <= 0 || capacity > 100_000)) {
            v.add("capacity", "must be more than 0 and at most 100000");
        }
        v.throwIfAny();
        return new CohortDetails(start, end, parsedProvince, region == null || region.isBlank() ? null : region.strip(),
                mode, language, capacity);
    }

    private static LocalDate date(Violations v, String field, String value) {
        if (!v.requireText(field, value, 10)) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            v.add(field, "must be an ISO date such as 2027-01-11");
            return null;
        }
    }
}
