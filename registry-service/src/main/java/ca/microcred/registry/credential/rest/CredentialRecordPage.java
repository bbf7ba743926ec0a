package ca.microcred.registry.credential.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One page of credential records.
 *
 * @param total how many records match in all, across every page
 */
@Schema(name = "CredentialRecordPage")
public record CredentialRecordPage(List<CredentialRecordView> items, int page, int size, long total) {
}
