package ca.microcred.credentials.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.did.DidKey;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.keys.Multibase;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VerificationResult;

class StatusListTest {

    @Test
    void newListHasTheMinimumSizeAndNothingSet() {
        StatusList list = StatusList.create(StatusPurpose.REVOCATION);

        assertThat(list.size()).isEqualTo(131_072);
        assertThat(list.countSet()).isZero();
        assertThat(list.get(0)).isFalse();
        assertThat(list.get(131_071)).isFalse();
    }

    @Test
    void specExampleEncodedListDecodesToAnEmptyMinimumList() {
        StatusList list = StatusList.decode(StatusPurpose.REVOCATION,
                "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");

        assertThat(list.size()).isEqualTo(131_072);
        assertThat(list.countSet()).isZero();
    }

    @Test
    void setAndClearedBitsSurviveEncoding() {
        StatusList list = StatusList.create(StatusPurpose.SUSPENSION);
        int[] indexes = {0, 7, 8, 94_567, 131_071};
        for (int index : indexes) {
            list.set(index);
        }
        list.set(500);
        list.clear(500);

        String encoded = list.encode();
        StatusList decoded = StatusList.decode(StatusPurpose.SUSPENSION, encoded);

        assertThat(encoded).startsWith("u").doesNotContain("=").doesNotContain("+").doesNotContain("/");
        for (int index : indexes) {
            assertThat(decoded.get(index)).as("bit %d", index).isTrue();
        }
        assertThat(decoded.get(500)).isFalse();
        assertThat(decoded.get(1)).isFalse();
        assertThat(decoded.countSet()).isEqualTo(indexes.length);
    }

    @Test
    void indexZeroIsTheLeftMostBitOfTheGzippedBitstring() throws Exception {
        StatusList list = StatusList.create(StatusPurpose.REVOCATION);
        list.set(0);
        list.set(9);

        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(Multibase.decodeBase64Url(list.encode()))).readAllBytes();

        assertThat(raw).hasSize(16_384);
        assertThat(raw[0]).isEqualTo((byte) 0x80);
        assertThat(raw[1]).isEqualTo((byte) 0x40);
    }

    @Test
    void rejectsListsThatAreTooSmallOrNotGzipOrOutOfRange() throws Exception {
        ByteArrayOutputStream small = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(small)) {
            gzip.write(new byte[1024]);
        }
        String tooSmall = Multibase.encodeBase64Url(small.toByteArray());

        assertThatThrownBy(() -> StatusList.decode(StatusPurpose.REVOCATION, tooSmall))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum");
        assertThatThrownBy(() -> StatusList.decode(StatusPurpose.REVOCATION, "uAAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusList.decode(StatusPurpose.REVOCATION, "zAAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusList.create(StatusPurpose.REVOCATION, 1000))
                .isInstanceOf(IllegalArgumentException.class);
        StatusList list = StatusList.create(StatusPurpose.REVOCATION);
        assertThatThrownBy(() -> list.set(131_072)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void allocatedIndexesAreUniqueRandomAndInRange() {
        StatusIndexAllocator allocator = StatusIndexAllocator.create(StatusList.MIN_SIZE);
        Set<Integer> seen = new HashSet<>();
        int previous = -1;
        int ascending = 0;

        for (int i = 0; i < 20_000; i++) {
            int index = allocator.allocate();
            assertThat(index).isBetween(0, StatusList.MIN_SIZE - 1);
            assertThat(seen.add(index)).as("index %d handed out twice", index).isTrue();
            if (index > previous) {
                ascending++;
            }
            previous = index;
        }

        assertThat(allocator.allocatedCount()).isEqualTo(20_000);
        // sequential allocation would make every step ascending; random gives about half
        assertThat(ascending).isBetween(9_000, 11_000);
        assertThat(seen.stream().mapToInt(Integer::intValue).max().getAsInt()).isGreaterThan(120_000);
    }

    @Test
    void everyIndexIsHandedOutExactlyOnceUntilTheListIsFull() {
        StatusIndexAllocator allocator = StatusIndexAllocator.create(StatusList.MIN_SIZE, new Random(42));
        boolean[] taken = new boolean[StatusList.MIN_SIZE];

        for (int i = 0; i < StatusList.MIN_SIZE; i++) {
            int index = allocator.allocate();
            assertThat(taken[index]).isFalse();
            taken[index] = true;
        }

        assertThat(allocator.remaining()).isZero();
        assertThatThrownBy(allocator::allocate).isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
    }

    @Test
    void allocationStateSurvivesEncoding() {
        StatusIndexAllocator allocator = StatusIndexAllocator.create(StatusList.MIN_SIZE);
        int first = allocator.allocate();
        allocator.markAllocated(77);

        StatusIndexAllocator restored = StatusIndexAllocator.decode(allocator.encode());

        assertThat(restored.isAllocated(first)).isTrue();
        assertThat(restored.isAllocated(77)).isTrue();
        assertThat(restored.allocatedCount()).isEqualTo(first == 77 ? 1 : 2);
        for (int i = 0; i < 1000; i++) {
            int next = restored.allocate();
            assertThat(next).isNotEqualTo(first).isNotEqualTo(77);
        }
    }

    @Test
    void signedStatusListCredentialVerifiesAndAnswersForAnEntry() {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String issuer = DidKey.did(key.publicKey());
        String url = "https://issuer.microcred.ca/status/p-1/revocation/1";
        StatusList list = StatusList.create(StatusPurpose.REVOCATION);
        list.set(4242);

        ObjectNode signed = DataIntegrityProofs.sign(StatusListCredentials.build(url, issuer, list, Instant.parse("2026-05-02T08:00:00Z")),
                key, DidKey.verificationMethodId(key.publicKey()), Instant.parse("2026-05-02T08:00:00Z"));

        VerificationResult result = DataIntegrityProofs.verify(signed, KeyResolver.didKey());
        assertThat(result.verified()).as(result.toString()).isTrue();
        assertThat(signed.path("type").get(1).asText()).isEqualTo("BitstringStatusListCredential");
        assertThat(signed.path("credentialSubject").path("statusPurpose").asText()).isEqualTo("revocation");
        assertThat(StatusListCredentials.isSet(signed, BitstringStatusListEntry.of(url, StatusPurpose.REVOCATION, 4242))).isTrue();
        assertThat(StatusListCredentials.isSet(signed, BitstringStatusListEntry.of(url, StatusPurpose.REVOCATION, 4243))).isFalse();
        assertThatThrownBy(() -> StatusListCredentials.isSet(signed, BitstringStatusListEntry.of(url, StatusPurpose.SUSPENSION, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purpose");
        assertThatThrownBy(() -> StatusListCredentials.isSet(signed, BitstringStatusListEntry.of(url + "x", StatusPurpose.REVOCATION, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusListCredentials.isSet(signed, BitstringStatusListEntry.of(url, StatusPurpose.REVOCATION, 131_072)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");

        ObjectNode flipped = signed.deepCopy();
        list.clear(4242);
        ((ObjectNode) flipped.get("credentialSubject")).put("encodedList", list.encode());
        assertThat(DataIntegrityProofs.verify(flipped, KeyResolver.didKey()).verified()).isFalse();
    }
}
