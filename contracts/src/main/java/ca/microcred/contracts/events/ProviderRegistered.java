package ca.microcred.contracts.events;

import java.time.Instant;

/**
 * A provider (college, university, trainer, industry association) joined the system.
 *
 * @param province a {@link Province} code, e.g. {@code QC}
 */
public record ProviderRegistered(
        String providerId,
        LocalizedText name,
        String url,
        String email,
        String province,
        String providerType,
        String did,
        Instant registeredAt) implements EventPayload {

    @Override
    public String subject() {
        return providerId;
    }
}
