/**
 * The losskit evaluation kernel: evaluates any loss of the SPI, in any of its three shapes, as a
 * mergeable, serializable state; finds losses on the class path. Depends on the SPI alone.
 */
module io.losskit.core {
    requires transitive io.losskit.spi;
    exports io.losskit.core;
    uses io.losskit.spi.LossProvider;
}
