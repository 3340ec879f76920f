/**
 * The losskit plugin API. A loss pack implements {@link io.losskit.spi.LossProvider} and
 * registers it with {@code provides io.losskit.spi.LossProvider with ...} (and in
 * {@code META-INF/services/io.losskit.spi.LossProvider} for the class path).
 */
module io.losskit.spi {
    exports io.losskit.spi;
    uses io.losskit.spi.LossProvider;
}
