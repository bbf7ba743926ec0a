package ca.microcred.registry.provider;

/**
 * Fired (synchronously, as a CDI event) after a provider's record changed, so views that copy provider facts
 * (the catalogue's visibility and province) follow.
 */
public record ProviderChanged(Provider provider) {
}
