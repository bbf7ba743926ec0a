package ca.microcred.credentials.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class Ed25519KeysTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void signsLikeRfc8032TestVectorOne() {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        assertThat(HEX.formatHex(pair.publicKey().bytes()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(HEX.formatHex(pair.sign(new byte[0]))).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void verifiesOwnSignaturesAndRejectsOthers() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        byte[] message = "micro-credential".getBytes(StandardCharsets.UTF_8);
        byte[] signature = pair.sign(message);

        assertThat(pair.publicKey().verify(message, signature)).isTrue();
        assertThat(pair.publicKey().verify("micro-credentiaL".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(Ed25519KeyPair.generate().publicKey().verify(message, signature)).isFalse();
        assertThat(pair.publicKey().verify(message, new byte[10])).isFalse();
        signature[0] ^= 1;
        assertThat(pair.publicKey().verify(message, signature)).isFalse();
    }

    @Test
    void multikeyOfTheDataIntegritySpecKeyPairRoundTrips() {
        // the key pair of the vc-di-eddsa examples
        Ed25519KeyPair pair = Ed25519KeyPair.fromSecretKeyMultibase("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq");

        assertThat(pair.publicKey().multikey()).isEqualTo("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
        assertThat(pair.secretKeyMultibase()).isEqualTo("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq");
        assertThat(Ed25519PublicKey.fromMultikey("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"))
                .isEqualTo(pair.publicKey());
    }

    @Test
    void generatedKeysRoundTripThroughMultikeyAndSeed() {
        for (int i = 0; i < 50; i++) {
            Ed25519KeyPair pair = Ed25519KeyPair.generate();
            String multikey = pair.publicKey().multikey();

            assertThat(multikey).startsWith("z6Mk");
            assertThat(Multikey.decodePublicKey(multikey)).isEqualTo(pair.publicKey());
            assertThat(Ed25519KeyPair.fromSeed(pair.seed()).publicKey()).isEqualTo(pair.publicKey());
            assertThat(Ed25519KeyPair.fromSecretKeyMultibase(pair.secretKeyMultibase()).publicKey())
                    .isEqualTo(pair.publicKey());
        }
    }

    @Test
    void rejectsMalformedMultikeys() {
        String valid = Ed25519KeyPair.generate().publicKey().multikey();

        assertThatThrownBy(() -> Multikey.decodePublicKey("u" + valid.substring(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multikey.decodePublicKey(valid.substring(0, valid.length() - 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multikey.decodePublicKey(valid + "0"))
                .isInstanceOf(IllegalArgumentException.class);
        // a secret key is not a public key
        assertThatThrownBy(() -> Multikey.decodePublicKey(Ed25519KeyPair.generate().secretKeyMultibase()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyPairNeverPrintsItsPrivatePart() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();

        assertThat(pair.toString()).contains(pair.publicKey().multikey()).doesNotContain(pair.secretKeyMultibase());
    }

    @Test
    void base58RoundTripsLeadingZerosAndEmptyInput() {
        byte[][] samples = {new byte[0], {0}, {0, 0, 1}, {(byte) 0xff, 0, 0}, HEX.parseHex("00000102030405")};
        for (byte[] sample : samples) {
            assertThat(Multibase.decodeBase58Btc(Multibase.encodeBase58Btc(sample))).isEqualTo(sample);
        }
        assertThat(Multibase.encodeBase58Btc("Hello World!".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("z2NEpo7TZRRrLZSi2U");
        assertThat(Multibase.encodeBase58Btc(HEX.parseHex("00000102"))).isEqualTo("z115T");
        assertThatThrownBy(() -> Multibase.decodeBase58Btc("z0OIl")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base64UrlMultibaseHasNoPadding() {
        byte[] data = {1, 2, 3, 4};

        assertThat(Multibase.encodeBase64Url(data)).isEqualTo("uAQIDBA");
        assertThat(Multibase.decodeBase64Url("uAQIDBA")).isEqualTo(data);
        assertThatThrownBy(() -> Multibase.decodeBase64Url("zAQIDBA")).isInstanceOf(IllegalArgumentException.class);
    }
}
