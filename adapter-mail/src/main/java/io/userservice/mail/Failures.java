package io.userservice.mail;

/** Describes an exception and its causes in one line, for log entries and error messages. */
final class Failures {

    private static final int MAX_CAUSES = 4;

    private Failures() {
    }

    static String summary(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (i > 0) {
                out.append("; caused by ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage().strip());
            }
        }
        return out.toString();
    }
}
