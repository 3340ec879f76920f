package io.losskit.spi;

import java.util.Objects;

/**
 * A role a loss reads: made by {@link #required} or {@link #optional}. The sample weight is not
 * declared as a role but with {@link LossDescriptor.Builder#weighted()}.
 */
public final class RoleSpec {

    private final String name;
    private final RoleKind kind;
    private final boolean required;
    private final String description;

    private RoleSpec(String name, RoleKind kind, boolean required, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.required = required;
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * A role every sample must have.
     *
     * @param name the role name, also the default column or field name ({@code pred}, {@code var}…)
     * @param kind what the value is
     * @param description one line for the loss's description
     */
    public static RoleSpec required(String name, RoleKind kind, String description) {
        return new RoleSpec(name, kind, true, description);
    }

    /** A role read when the input has it; otherwise as {@link #required(String, RoleKind, String)}. */
    public static RoleSpec optional(String name, RoleKind kind, String description) {
        return new RoleSpec(name, kind, false, description);
    }

    /** The role name, also the default column or field name. */
    public String name() {
        return name;
    }

    /** What the value is. */
    public RoleKind kind() {
        return kind;
    }

    /** Whether every sample must have it; optional roles are read when present. */
    public boolean required() {
        return required;
    }

    /** One line for the loss's description. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name + " (" + kind + (required ? "" : ", optional") + ")";
    }
}
