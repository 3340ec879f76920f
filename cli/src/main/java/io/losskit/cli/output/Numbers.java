package io.losskit.cli.output;

/** How results print: the kernel's {@link io.losskit.core.Numbers#format} (the Spark adapter prints the same). */
public final class Numbers {

    private Numbers() {
    }

    /** See {@link io.losskit.core.Numbers#format}. */
    public static String format(double v) {
        return io.losskit.core.Numbers.format(v);
    }
}
