package io.userservice.core.domain;

import java.util.regex.Pattern;

/** A named role held by a user, such as {@code admin} or {@code user-edit}. */
public record Role(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /** Full administrative rights. */
    public static final Role ADMIN = new Role("admin");
    /** May act on other users' accounts, including minting tokens on their behalf. */
    public static final Role USER_EDIT = new Role("user-edit");

    public Role {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("invalid_role", "role",
                    "A role name is lower-case letters, digits and dashes, starting with a letter.");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
