package io.losskit.core;

import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossProvider;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Losses from plain Java: every {@link LossProvider} on the class path (the built-in pack's jar
 * among them) found through {@link ServiceLoader}, their parameters from text, and evaluators.
 */
public final class Losses {

    private Losses() {
    }

    /** Every loss of every provider the {@link ServiceLoader} finds, in the providers' order. */
    public static List<LossDefinition> all() {
        List<LossDefinition> all = new ArrayList<>();
        ClassLoader loader = Losses.class.getClassLoader();
        for (LossProvider provider : ServiceLoader.load(LossProvider.class, loader)) {
            all.addAll(provider.losses());
        }
        return all;
    }

    /**
     * The loss with this id or alias.
     *
     * @throws IllegalStateException when two losses on the class path have that name
     */
    public static Optional<LossDefinition> find(String idOrAlias) {
        LossDefinition found = null;
        for (LossDefinition d : all()) {
            LossDescriptor desc = d.descriptor();
            if (desc.id().equals(idOrAlias) || desc.aliases().contains(idOrAlias)) {
                if (found != null) {
                    throw new IllegalStateException("two losses are named " + idOrAlias + ": "
                            + found.getClass().getName() + " and " + d.getClass().getName());
                }
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * {@code definition}'s parameters from text, checked as the command line checks them (names,
     * types, ranges, choices); the defaults for those not given.
     *
     * @throws IllegalArgumentException naming the parameter, or for a parameter that names a file
     *     (give those through {@link ParameterValues#of} with a reader of your own)
     */
    public static Parameters parameters(LossDefinition definition, Map<String, String> given) {
        return ParameterValues.of(definition.descriptor(), given, path -> {
            throw new IllegalArgumentException("a parameter that reads a file (" + path
                    + ") needs ParameterValues.of with a reader");
        });
    }

    /**
     * An evaluator of the loss named {@code idOrAlias}, its parameters given as text.
     *
     * @param roles the roles the samples will have, e.g. {@code Set.of("pred", "target")}
     * @throws IllegalArgumentException for an unknown loss, a bad parameter or an unsupported reduction
     * @see Evaluator#of
     */
    public static Evaluator evaluator(String idOrAlias, Map<String, String> params, Set<String> roles,
                                      Reduction reduction) {
        LossDefinition d = find(idOrAlias).orElseThrow(() -> new IllegalArgumentException("no loss " + idOrAlias));
        return Evaluator.of(d, parameters(d, params), roles, reduction, 0);
    }
}
