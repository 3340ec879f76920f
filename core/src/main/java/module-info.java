/**
 * The losskit evaluation kernel: evaluates any loss of the SPI, in any of its three shapes, as a
 * mergeable, serializable state; finds losses on the class path; the statistics built on it
 * (bootstrap intervals, paired comparison, worst cases). Depends on the SPI alone.
 */
module io.losskit.core {
    requires transitive io.losskit.spi;
    exports io.losskit.core;
    exports io.losskit.core.stats;
    uses io.losskit.spi.LossProvider;
}
