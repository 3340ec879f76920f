package io.losskit.spi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a host shows and checks about a loss: listings, descriptions, parameter validation
 * and completion are generated from it. Made with {@link #builder}, so that later versions of the
 * SPI can add fields without breaking packs.
 */
public final class LossDescriptor {

    /** The role of the sample weight, present in {@link #roles()} when the loss {@link #takesWeight() takes one}. */
    public static final String WEIGHT = "weight";

    private final String id;
    private final List<String> aliases;
    private final String category;
    private final String summary;
    private final String formula;
    private final List<RoleSpec> roles;
    private final List<ParamSpec<?>> params;
    private final Set<Reduction> reductions;
    private final List<String> details;
    private final String reference;
    private final String notes;
    private final boolean takesWeight;

    private LossDescriptor(Builder b) {
        this.id = b.id;
        this.aliases = b.aliases;
        this.category = b.category;
        this.summary = b.summary;
        this.formula = b.formula;
        List<RoleSpec> all = new ArrayList<>(b.roles);
        if (b.weight != null) {
            all.add(RoleSpec.optional(WEIGHT, RoleKind.NUMBER, b.weight));
        }
        this.roles = List.copyOf(all);
        this.params = b.params;
        this.reductions = b.reductions;
        this.details = b.details;
        this.reference = b.reference;
        this.notes = b.notes;
        this.takesWeight = b.weight != null;
    }

    /**
     * Starts a descriptor with every reduction, no aliases, roles, weight, parameters, details or
     * notes.
     *
     * @param id the id users type, lower-case with hyphens, e.g. {@code smooth-l1}
     * @param category {@code regression}, {@code classification}, {@code sequence},
     *     {@code metric}, or a pack's own
     */
    public static Builder builder(String id, String category) {
        return new Builder(id, category);
    }

    /** The id users type, lower-case with hyphens. */
    public String id() {
        return id;
    }

    /** Other ids that name the same loss. */
    public List<String> aliases() {
        return aliases;
    }

    /** The category the loss is listed under. */
    public String category() {
        return category;
    }

    /** One line. */
    public String summary() {
        return summary;
    }

    /** The definition in Unicode, e.g. {@code ℓ = ½d² if |d| ≤ δ, else δ(|d| − ½δ)}. */
    public String formula() {
        return formula;
    }

    /** The roles it reads, the {@link #WEIGHT weight} last when it takes one. */
    public List<RoleSpec> roles() {
        return roles;
    }

    /**
     * Whether the loss takes a sample weight: then the host passes each sample's weight (1 when
     * the input has none) to the reduction or accumulator; otherwise every weight is 1.
     */
    public boolean takesWeight() {
        return takesWeight;
    }

    /** Its parameters. */
    public List<ParamSpec<?>> params() {
        return params;
    }

    /** The reductions it supports; asking for another is an error the host reports. */
    public Set<Reduction> reductions() {
        return reductions;
    }

    /** The keys of the details it counts (reported even when zero), or empty. */
    public List<String> details() {
        return details;
    }

    /** The paper or library it agrees with. */
    public String reference() {
        return reference;
    }

    /** Further text for the description: conventions, edge cases, differences from a reference; may be empty. */
    public String notes() {
        return notes;
    }

    /** The parameter named {@code name}, or {@code null}. */
    public ParamSpec<?> param(String name) {
        for (ParamSpec<?> p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "LossDescriptor[" + id + "]";
    }

    /** A step-by-step way to write a descriptor. */
    public static final class Builder {
        private final String id;
        private final String category;
        private List<String> aliases = List.of();
        private String summary = "";
        private String formula = "";
        private List<RoleSpec> roles = List.of();
        private String weight;
        private List<ParamSpec<?>> params = List.of();
        private Set<Reduction> reductions = Set.of(Reduction.MEAN, Reduction.SUM, Reduction.NONE);
        private List<String> details = List.of();
        private String reference = "";
        private String notes = "";

        private Builder(String id, String category) {
            this.id = Objects.requireNonNull(id, "id");
            this.category = Objects.requireNonNull(category, "category");
        }

        public Builder aliases(String... aliases) {
            this.aliases = List.of(aliases);
            return this;
        }

        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        public Builder formula(String formula) {
            this.formula = Objects.requireNonNull(formula, "formula");
            return this;
        }

        /** The roles it reads, in the order they are described; not the weight (see {@link #weighted()}). */
        public Builder roles(RoleSpec... roles) {
            for (RoleSpec r : roles) {
                if (r.name().equals(WEIGHT)) {
                    throw new IllegalArgumentException(id + ": declare the sample weight with weighted(), not as a role");
                }
            }
            this.roles = List.of(roles);
            return this;
        }

        /** The loss takes a sample weight wᵢ (default 1), applied by the reduction or its accumulator. */
        public Builder weighted() {
            return weighted("the sample weight wᵢ (default 1)");
        }

        /** As {@link #weighted()}, with a description of its own (when the weight means more, or not always applies). */
        public Builder weighted(String description) {
            this.weight = Objects.requireNonNull(description, "description");
            return this;
        }

        public Builder params(ParamSpec<?>... params) {
            this.params = List.of(params);
            return this;
        }

        /** The reductions it supports (default: all). */
        public Builder reductions(Reduction... reductions) {
            this.reductions = Set.of(reductions);
            return this;
        }

        /** The keys of the details it counts. */
        public Builder details(String... keys) {
            this.details = List.of(keys);
            return this;
        }

        public Builder reference(String reference) {
            this.reference = Objects.requireNonNull(reference, "reference");
            return this;
        }

        public Builder notes(String notes) {
            this.notes = Objects.requireNonNull(notes, "notes");
            return this;
        }

        /**
         * The descriptor.
         *
         * @throws IllegalArgumentException when it supports no reduction, or two roles or two
         *     parameters have the same name
         */
        public LossDescriptor build() {
            if (reductions.isEmpty()) {
                throw new IllegalArgumentException(id + ": a loss supports at least one reduction");
            }
            List<String> roleNames = new ArrayList<>();
            for (RoleSpec r : roles) {
                roleNames.add(r.name());
            }
            unique("role", roleNames);
            List<String> paramNames = new ArrayList<>();
            for (ParamSpec<?> p : params) {
                paramNames.add(p.name());
            }
            unique("parameter", paramNames);
            return new LossDescriptor(this);
        }

        private void unique(String what, List<String> names) {
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                if (!seen.add(n)) {
                    throw new IllegalArgumentException(id + ": two " + what + "s named '" + n + "'");
                }
            }
        }
    }
}
