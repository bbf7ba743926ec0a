package ca.microcred.registry.audit;

import java.util.List;

/** One page of audit entries in sequence order, with the number of entries matching the query. */
public record AuditPage(long total, int page, int size, List<AuditEntry> items) {
}
