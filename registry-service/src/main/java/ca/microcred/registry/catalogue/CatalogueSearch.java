package ca.microcred.registry.catalogue;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.Province;

import java.util.List;

/**
 * One catalogue search; null criteria do not filter.
 *
 * @param terms      search terms of the free text (see {@link SearchTerms}); all must match
 * @param skillKeys  {@code FRAMEWORK:code} keys; all must match
 * @param language   base language subtag, e.g. {@code fr} for {@code fr-CA}
 * @param page       zero-based page number
 */
public record CatalogueSearch(List<String> terms, List<String> skillKeys, String occupation, String providerId,
                              Province province, DeliveryMode deliveryMode, Boolean selfPaced, String language,
                              Double workloadMin, Double workloadMax, Boolean stackable, Sort sort, int page,
                              int size) {

    public enum Sort {
        RELEVANCE, NEWEST, WORKLOAD
    }
}
