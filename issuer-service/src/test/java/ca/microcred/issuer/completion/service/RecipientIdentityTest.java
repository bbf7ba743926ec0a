package ca.microcred.issuer.completion.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipientIdentityTest {

    @Test
    void hashesTheLowerCaseEmailFollowedByTheSalt() {
        // printf '%s' 'amelie.tremblay@example.ca0123456789abcdef' | sha256sum
        assertEquals("sha256$6cc1e24b12aa100951e2d1c64744b04b8882b43db960c2b920a8796e0245992e",
                RecipientIdentity.hash("  Amelie.Tremblay@Example.CA ", "0123456789abcdef"));
    }

    @Test
    void saltsAreRandomSoOneLearnersCredentialsCannotBeLinked() {
        String first = RecipientIdentity.newSalt();
        String second = RecipientIdentity.newSalt();
        assertTrue(first.matches("[0-9a-f]{32}"));
        assertNotEquals(first, second);
        assertNotEquals(RecipientIdentity.hash("a@example.ca", first), RecipientIdentity.hash("a@example.ca", second));
    }
}
