package io.losskit.cli.bind;

/**
 * Where a role is among a sample's bound roles, for {@link BoundSample} and {@link ColumnSample}.
 * A linear scan: a sample has few roles, and loss code passes the bindings' own strings (constant
 * role names), so the first loop finds them by identity, without comparing characters.
 */
final class RoleIndex {

    private RoleIndex() {
    }

    /** The position of {@code role} in {@code roles}, or −1 when it is not bound. */
    static int of(String[] roles, String role) {
        for (int i = 0; i < roles.length; i++) {
            if (roles[i] == role) {
                return i;
            }
        }
        for (int i = 0; i < roles.length; i++) {
            if (roles[i].equals(role)) {
                return i;
            }
        }
        return -1;
    }

    /** What a loss gets for asking for a role it did not declare (a bug of the loss). */
    static IllegalArgumentException undeclared(String role) {
        return new IllegalArgumentException("the loss asked for role \"" + role + "\", which it did not declare");
    }
}
