package ca.microcred.registry.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Outcome of walking the audit chain.
 *
 * @param entries        how many entries were checked (when intact)
 * @param firstBrokenSeq the first sequence number whose entry is missing, altered or wrongly linked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, Long entries, Long firstBrokenSeq, String reason) {

    static ChainVerification intact(long entries) {
        return new ChainVerification(true, entries, null, null);
    }

    static ChainVerification broken(long seq, String reason) {
        return new ChainVerification(false, null, seq, reason);
    }
}
