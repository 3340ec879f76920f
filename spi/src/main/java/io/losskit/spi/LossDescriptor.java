package io.losskit.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything losskit shows and checks about a loss: {@code list}, {@code describe}, option
 * validation and completion are generated from it.
 *
 * @param id the id users type, lower-case with hyphens, e.g. {@code smooth-l1}
 * @param aliases other ids that name the same loss
 * @param category {@code regression}, {@code classification}, {@code sequence}, {@code metric},
 *     or a plugin's own
 * @param summary one line
 * @param formula the definition in Unicode, e.g. {@code ℓ = ½d² if |d| ≤ δ, else δ(|d| − ½δ)}
 * @param roles the roles it reads
 * @param params its parameters
 * @param reductions the reductions it supports; others are refused with a usage error
 * @param details the keys of the {@code details} it reports (shown even when zero), or empty
 * @param reference the paper or library it agrees with
 * @param notes further text for {@code describe}: conventions, edge cases, how it differs from
 *     a reference; may be empty
 */
public record LossDescriptor(String id, List<String> aliases, String category, String summary,
                             String formula, List<RoleSpec> roles, List<ParamSpec> params,
                             Set<Reduction> reductions, List<String> details, String reference,
                             String notes) {

    public LossDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(notes, "notes");
        aliases = List.copyOf(aliases);
        roles = List.copyOf(roles);
        params = List.copyOf(params);
        reductions = Set.copyOf(reductions);
        details = List.copyOf(details);
        if (reductions.isEmpty()) {
            throw new IllegalArgumentException(id + ": a loss supports at least one reduction");
        }
    }

    /** Starts a descriptor with every reduction, no aliases, roles, parameters, details or notes. */
    public static Builder builder(String id, String category) {
        return new Builder(id, category);
    }

    /** The parameter named {@code name}, or {@code null}. */
    public ParamSpec param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** A step-by-step way to write a descriptor. */
    public static final class Builder {
        private final String id;
        private final String category;
        private List<String> aliases = List.of();
        private String summary = "";
        private String formula = "";
        private List<RoleSpec> roles = List.of();
        private List<ParamSpec> params = List.of();
        private Set<Reduction> reductions = Set.of(Reduction.MEAN, Reduction.SUM, Reduction.NONE);
        private List<String> details = List.of();
        private String reference = "";
        private String notes = "";

        private Builder(String id, String category) {
            this.id = id;
            this.category = category;
        }

        public Builder aliases(String... aliases) {
            this.aliases = List.of(aliases);
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder formula(String formula) {
            this.formula = formula;
            return this;
        }

        public Builder roles(RoleSpec... roles) {
            this.roles = List.of(roles);
            return this;
        }

        public Builder params(ParamSpec... params) {
            this.params = List.of(params);
            return this;
        }

        public Builder reductions(Reduction... reductions) {
            this.reductions = Set.of(reductions);
            return this;
        }

        public Builder details(String... keys) {
            this.details = List.of(keys);
            return this;
        }

        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        public LossDescriptor build() {
            return new LossDescriptor(id, aliases, category, summary, formula, roles, params,
                    reductions, details, reference, notes);
        }
    }
}
