package io.losskit.spi;

import java.util.Objects;

/**
 * A role a loss reads.
 *
 * @param name the role name, also the default column or field name ({@code pred}, {@code var}…)
 * @param kind what the value is
 * @param required whether every sample must have it; optional roles are read when present
 * @param description one line for {@code describe}
 */
public record RoleSpec(String name, RoleKind kind, boolean required, String description) {

    public RoleSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    /** A role every sample must have. */
    public static RoleSpec required(String name, RoleKind kind, String description) {
        return new RoleSpec(name, kind, true, description);
    }

    /** A role read when the input has it. */
    public static RoleSpec optional(String name, RoleKind kind, String description) {
        return new RoleSpec(name, kind, false, description);
    }
}
