package ca.microcred.verification.verify.service;

import ca.microcred.credentials.proof.VcJwt;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A credential as it was presented for verification.
 *
 * @param credential the credential document (for a VC-JWT, the one its payload carries)
 * @param jwt        the VC-JWT it came in (read, not yet verified), or null for a JSON-LD credential with an embedded proof
 */
public record Presented(ObjectNode credential, VcJwt.Decoded jwt) {

    public static Presented jsonLd(ObjectNode credential) {
        return new Presented(credential, null);
    }

    public static Presented jwt(VcJwt.Decoded jwt) {
        return new Presented(jwt.payload(), jwt);
    }
}
