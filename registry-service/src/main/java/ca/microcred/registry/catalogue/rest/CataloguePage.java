package ca.microcred.registry.catalogue.rest;

import java.util.List;

/**
 * One page of catalogue hits.
 *
 * @param total how many micro-credentials match, over all pages
 * @param page  zero-based page number
 */
public record CataloguePage(long total, int page, int size, String sort, List<CatalogueHit> items) {
}
