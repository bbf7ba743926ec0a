package ca.microcred.verification.verify;

/** Result of one check. A WARN informs the reader without deciding the answer; any FAIL makes it negative. */
public enum Outcome {
    PASS, FAIL, WARN
}
