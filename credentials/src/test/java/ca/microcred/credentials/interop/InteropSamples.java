package ca.microcred.credentials.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.SampleCredentials;
import ca.microcred.credentials.did.DidKey;
import ca.microcred.credentials.did.DidWeb;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.openbadges.OpenBadgeCredentials;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VcJwt;
import ca.microcred.credentials.proof.VerificationResult;
import ca.microcred.credentials.status.StatusList;
import ca.microcred.credentials.status.StatusListCredentials;
import ca.microcred.credentials.status.StatusPurpose;

/**
 * Cross-checks with an independent implementation (see {@code credentials/interop} and the README):
 * {@code write <dir>} writes signed samples for {@code verify.mjs}; {@code verify <file>} verifies a
 * credential signed by {@code sign.mjs}.
 */
public final class InteropSamples {

    private InteropSamples() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("write")) {
            write(Path.of(args[1]));
        } else if (args.length == 2 && args[0].equals("verify")) {
            ObjectNode credential = (ObjectNode) new ObjectMapper().readTree(Files.readString(Path.of(args[1])));
            VerificationResult result = DataIntegrityProofs.verify(credential, KeyResolver.didKey());
            System.out.println(args[1] + ": " + result);
            if (!result.verified()) {
                System.exit(1);
            }
        } else {
            System.err.println("usage: write <dir> | verify <file>");
            System.exit(2);
        }
    }

    private static void write(Path dir) throws Exception {
        Files.createDirectories(dir);
        ObjectWriter json = new ObjectMapper().writerWithDefaultPrettyPrinter();
        Instant now = Instant.now();

        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String did = DidWeb.fromUrl("https://issuer.microcred.ca/providers/p-1");
        String kid = did + "#key-1";
        Files.writeString(dir.resolve("did.json"),
                json.writeValueAsString(DidWeb.document(did).activeKey("key-1", key.publicKey()).build()));
        ObjectNode credential = OpenBadgeCredentials.toJson(SampleCredentials.issued(did, 3));
        Files.writeString(dir.resolve("credential-did-web.json"),
                json.writeValueAsString(DataIntegrityProofs.sign(credential, key, kid, now)));
        Files.writeString(dir.resolve("credential.jwt"), VcJwt.sign(credential, key, kid));

        StatusList list = StatusList.create(StatusPurpose.REVOCATION);
        list.set(90_003);
        ObjectNode listCredential = StatusListCredentials.build("https://issuer.microcred.ca/status/p-1/revocation/1",
                did, list, now);
        Files.writeString(dir.resolve("status-list.json"),
                json.writeValueAsString(DataIntegrityProofs.sign(listCredential, key, kid, now)));

        Ed25519KeyPair didKey = Ed25519KeyPair.generate();
        ObjectNode didKeyCredential = OpenBadgeCredentials.toJson(SampleCredentials.issued(DidKey.did(didKey.publicKey()), 4));
        Files.writeString(dir.resolve("credential-did-key.json"), json.writeValueAsString(
                DataIntegrityProofs.sign(didKeyCredential, didKey, DidKey.verificationMethodId(didKey.publicKey()), now)));
        System.out.println("samples written to " + dir.toAbsolutePath());
    }
}
