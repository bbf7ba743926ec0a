package ca.microcred.contracts.events;

/** A user-facing text in both official languages. */
public record LocalizedText(String en, String fr) {

    /** The text in the requested language ("fr" or anything else for English), falling back to the other. */
    public String in(String language) {
        if ("fr".equalsIgnoreCase(language)) {
            return fr != null && !fr.isBlank() ? fr : en;
        }
        return en != null && !en.isBlank() ? en : fr;
    }
}
