package io.userservice.core.domain;

/** How an audited act ended, stored and logged as its {@link #storedForm()}. */
public enum Outcome {

    SUCCESS("success"),
    DENIED("denied"),
    THROTTLED("throttled");

    private final String storedForm;

    Outcome(String storedForm) {
        this.storedForm = storedForm;
    }

    /** The text kept in the trail and written to the log. */
    public String storedForm() {
        return storedForm;
    }

    @Override
    public String toString() {
        return storedForm;
    }
}
