package ca.microcred.notification.subscription.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * The answer to a rotation: the only response that carries the new secret.
 *
 * @param previousSecretValidUntil until when webhooks are also signed with the replaced secret
 */
@Schema(name = "RotatedSecret")
public record RotatedSecretView(String id, String secret, Instant previousSecretValidUntil) {
}
