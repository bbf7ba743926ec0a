package ca.microcred.issuer.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterKeyTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void encryptsWithAFreshNonceAndDecryptsUnderTheSameContext() {
        MasterKey master = MasterKey.fromBase64(KEY);
        byte[] secret = "thirty-two bytes of private key!".getBytes(StandardCharsets.UTF_8);
        String first = master.encrypt(secret, "prov-1#key-a");
        String second = master.encrypt(secret, "prov-1#key-a");
        assertNotEquals(first, second);
        assertArrayEquals(secret, master.decrypt(first, "prov-1#key-a"));
        assertArrayEquals(secret, master.decrypt(second, "prov-1#key-a"));
    }

    @Test
    void aKeyMovedToAnotherProviderOrUnderAnotherMasterKeyDoesNotDecrypt() {
        MasterKey master = MasterKey.fromBase64(KEY);
        String sealed = master.encrypt(new byte[32], "prov-1#key-a");
        assertThrows(IllegalStateException.class, () -> master.decrypt(sealed, "prov-2#key-a"));
        byte[] otherBytes = new byte[32];
        otherBytes[0] = 1;
        MasterKey other = new MasterKey(otherBytes);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.decrypt(sealed, "prov-1#key-a"));
        assertTrue(e.getMessage().contains("master key"));
    }

    @Test
    void aMalformedMasterKeyIsExplained() {
        IllegalStateException shortKey = assertThrows(IllegalStateException.class,
                () -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(shortKey.getMessage().contains("32 random bytes"), shortKey.getMessage());
        assertThrows(IllegalStateException.class, () -> MasterKey.fromBase64("%%% not base64"));
    }

    @Test
    void theServiceRefusesToStartWithoutAMasterKey() {
        ProviderKeys keys = new ProviderKeys(null, Optional.empty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys.checkMasterKey(null));
        assertTrue(e.getMessage().contains("microcred.issuer.master-key is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("MICROCRED_ISSUER_MASTER_KEY"), e.getMessage());
    }
}
