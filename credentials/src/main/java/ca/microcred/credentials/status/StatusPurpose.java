package ca.microcred.credentials.status;

/** What a set bit means in a status list. */
public enum StatusPurpose {
    /** Permanently cancelled; never cleared. */
    REVOCATION("revocation"),
    /** Temporarily invalid; clearing the bit reinstates the credential. */
    SUSPENSION("suspension");

    private final String value;

    StatusPurpose(String value) {
        this.value = value;
    }

    /** The {@code statusPurpose} string. */
    public String value() {
        return value;
    }

    public static StatusPurpose of(String value) {
        for (StatusPurpose purpose : values()) {
            if (purpose.value.equals(value)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown status purpose " + value);
    }
}
