package ca.microcred.verification.credential.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IssuedDocumentIndexTest {

    @Test
    void everyAddedIdIsFoundAfterTheTableGrows() {
        IssuedDocumentIndex index = new IssuedDocumentIndex();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String id = "https://issuer.microcred.ca/credentials/" + i;
            index.add(id);
            added.add(id);
        }
        index.add(added.get(7));
        assertEquals(50_000, index.size(), "adding an id twice keeps one");
        for (String id : added) {
            assertTrue(index.mayContain(id), id);
        }
    }

    @Test
    void idsNeverAddedAreAnsweredNo() {
        IssuedDocumentIndex index = new IssuedDocumentIndex();
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            index.add("urn:uuid:" + new UUID(random.nextLong(), random.nextLong()));
        }
        int maybe = 0;
        for (int i = 0; i < 10_000; i++) {
            if (index.mayContain("did:key:other#" + i)) {
                maybe++;
            }
        }
        // a 64-bit fingerprint makes a shared one between different ids practically impossible at this size
        assertEquals(0, maybe);
        assertFalse(new IssuedDocumentIndex().mayContain(""));
    }
}
