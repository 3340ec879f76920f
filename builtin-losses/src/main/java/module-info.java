/** The built-in loss pack: one provider for the four categories. */
module io.losskit.builtin {
    requires io.losskit.spi;
    exports io.losskit.builtin.align;
    provides io.losskit.spi.LossProvider with io.losskit.builtin.BuiltinLosses;
}
