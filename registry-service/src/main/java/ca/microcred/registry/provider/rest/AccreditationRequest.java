package ca.microcred.registry.provider.rest;

/**
 * An operator's accreditation decision.
 *
 * @param decision ACCREDITED, SUSPENDED or WITHDRAWN
 * @param reason   why; kept in the provider's history and published with the decision
 */
public record AccreditationRequest(String decision, String reason) {
}
