package io.losskit.spi;

import java.util.List;

/**
 * The service that {@link java.util.ServiceLoader} finds: a pack of losses.
 *
 * <p>Implementations need a public no-argument constructor and are registered in
 * {@code META-INF/services/io.losskit.spi.LossProvider} and, for the module path, with
 * {@code provides io.losskit.spi.LossProvider with ...} in {@code module-info.java}.
 */
public interface LossProvider {

    /** The losses of this pack, in the order {@code losskit list} shows them. */
    List<LossDefinition> losses();
}
