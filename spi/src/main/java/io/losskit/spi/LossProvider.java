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

    /**
     * The major version of this SPI. Within a major version nothing public is removed or changed
     * incompatibly (a test checks it); a pack compiled against one major version may not link
     * against another.
     */
    int SPI_VERSION = 2;

    /** The losses of this pack, in the order they are listed. */
    List<LossDefinition> losses();

    /**
     * The SPI major version this pack was compiled against, or 0 when it does not say. Implement
     * it as {@code return SPI_VERSION;}: the compiler copies the constant into the pack's class,
     * so the host can tell a pack built for another major version and skip it by name instead of
     * failing on a missing class or method later. A pack that does not say is assumed to fit.
     */
    default int spiVersion() {
        return 0;
    }

    /** The pack's name in messages; by default the provider's class name. */
    default String name() {
        return getClass().getName();
    }

    /**
     * The pack's version; by default the {@code Implementation-Version} of its jar's manifest, or
     * {@code "unversioned"}.
     */
    default String version() {
        Package p = getClass().getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "unversioned" : v;
    }
}
