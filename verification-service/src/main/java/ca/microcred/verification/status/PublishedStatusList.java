package ca.microcred.verification.status;

import ca.microcred.credentials.status.StatusList;

import java.time.Instant;

/**
 * A status list credential as fetched and verified: whose it is and its bits, reused until {@code expires}.
 *
 * @param url     where it was fetched, which is also its {@code id}
 * @param issuer  the issuer that signed it (the key of its proof is controlled by this issuer)
 * @param list    the decoded bitstring and its purpose
 * @param expires when it must be fetched again: its {@code ttl} after fetching, at most its {@code validUntil}
 */
public record PublishedStatusList(String url, String issuer, StatusList list, Instant expires) {
}
