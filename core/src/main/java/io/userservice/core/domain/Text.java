package io.userservice.core.domain;

/** Small checks shared by the value rules of the domain. */
final class Text {

    private Text() {
    }

    /** True when the text holds a NUL, a line break or another control character. */
    static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    static int codePointLength(String s) {
        return s.codePointCount(0, s.length());
    }
}
