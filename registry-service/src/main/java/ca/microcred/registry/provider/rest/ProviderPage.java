package ca.microcred.registry.provider.rest;

import java.util.List;

/** One page of providers; {@code total} counts all that match. */
public record ProviderPage(long total, int page, int size, List<ProviderView> items) {
}
