package ca.microcred.credentials.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.IssuerShapedCredentials;
import ca.microcred.credentials.SampleCredentials;
import ca.microcred.credentials.did.DidWeb;
import ca.microcred.credentials.jsonld.DirectCanonicalizer;
import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.openbadges.OpenBadgeCredentials;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VcJwt;
import ca.microcred.credentials.proof.VerificationResult;

/**
 * Canonicalisation time of one credential on both paths, and sign and verify rates of the two proof formats on issuer-shaped credentials (hashed e-mail recipient,
 * result, evidence, status entry, alignments, extension terms). Each invocation takes the next of 1,000
 * distinct credentials, as a cohort completion would. Run with the {@code bench} profile (see the README).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProofBenchmark {

    private static final int CREDENTIALS = 1000;

    @State(Scope.Benchmark)
    public static class Issuer {
        final Ed25519KeyPair key = Ed25519KeyPair.generate();
        final String did = DidWeb.fromUrl("https://issuer.microcred.ca/providers/p-1");
        final String kid = did + "#key-1";
        final KeyResolver resolver = KeyResolver.didDocument(DidWeb.document(did).activeKey("key-1", key.publicKey()).build());
        final Instant created = Instant.parse("2026-05-01T12:00:00Z");
        final List<ObjectNode> unsigned = new ArrayList<>();
        final List<ObjectNode> signed = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();

        @Setup(Level.Trial)
        public void prepare() {
            for (int i = 0; i < CREDENTIALS; i++) {
                ObjectNode credential = OpenBadgeCredentials.toJson(SampleCredentials.issued(did, i));
                unsigned.add(credential);
                signed.add(DataIntegrityProofs.sign(credential, key, kid, created));
                tokens.add(VcJwt.sign(credential, key, kid));
            }
            for (int i = 0; i < CREDENTIALS; i++) {
                if (!DataIntegrityProofs.verify(signed.get(i), resolver).verified()
                        || !VcJwt.verify(tokens.get(i), resolver).verified()) {
                    throw new IllegalStateException("benchmark input does not verify");
                }
            }
        }
    }

    /**
     * Credentials exactly as issuer-service builds them for one cohort completion (same context, achievement and
     * issuer; learner-specific recipient, result, evidence, status entries), for the canonicalisation figures.
     */
    @State(Scope.Benchmark)
    public static class Completion {
        final List<ObjectNode> credentials = new ArrayList<>();

        @Setup(Level.Trial)
        public void prepare() {
            Random random = new Random(2026);
            IssuerShapedCredentials.Completion completion = IssuerShapedCredentials.completion(random);
            for (int i = 0; i < CREDENTIALS; i++) {
                ObjectNode credential = IssuerShapedCredentials.credential(completion, random, i);
                if (!DirectCanonicalizer.shared().canonicalize(credential)
                        .equals(JsonLdCanonicalizer.shared().canonicalize(credential))) {
                    throw new IllegalStateException("the two canonicalisation paths disagree");
                }
                credentials.add(credential);
            }
        }
    }

    /** Per-thread position in the credential list. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            next = (next + 1) % CREDENTIALS;
            return next;
        }
    }

    /** Microseconds per issuer credential through titanium's JSON-LD expansion, node map, toRdf and RDFC-1.0. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String canonicalizeTitanium(Completion completion, Cursor cursor) {
        return JsonLdCanonicalizer.shared().canonicalize(completion.credentials.get(cursor.advance()));
    }

    /** Microseconds per issuer credential through {@link DirectCanonicalizer} (what signing uses). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String canonicalizeDirect(Completion completion, Cursor cursor) {
        return DirectCanonicalizer.shared().canonicalize(completion.credentials.get(cursor.advance()));
    }

    @Benchmark
    public ObjectNode signDataIntegrity(Issuer issuer, Cursor cursor) {
        return DataIntegrityProofs.sign(issuer.unsigned.get(cursor.advance()), issuer.key, issuer.kid, issuer.created);
    }

    @Benchmark
    public VerificationResult verifyDataIntegrity(Issuer issuer, Cursor cursor) {
        return DataIntegrityProofs.verify(issuer.signed.get(cursor.advance()), issuer.resolver);
    }

    @Benchmark
    public String signVcJwt(Issuer issuer, Cursor cursor) {
        return VcJwt.sign(issuer.unsigned.get(cursor.advance()), issuer.key, issuer.kid);
    }

    @Benchmark
    public VerificationResult verifyVcJwt(Issuer issuer, Cursor cursor) {
        return VcJwt.verify(issuer.tokens.get(cursor.advance()), issuer.resolver);
    }
}
