package ca.microcred.issuer.completion.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;

/** Recognises the unique-index violations (E11000) this feature relies on for idempotency. */
final class DuplicateKeys {

    private DuplicateKeys() {
    }

    static boolean isDuplicate(MongoWriteException e) {
        return ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    static boolean onlyDuplicates(MongoBulkWriteException e) {
        return !e.getWriteErrors().isEmpty() && e.getWriteErrors().stream()
                .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }
}
