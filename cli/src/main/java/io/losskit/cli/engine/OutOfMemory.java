package io.losskit.cli.engine;

/** The one line losskit prints when the Java heap runs out, with what to do about it. */
public final class OutOfMemory {

    private OutOfMemory() {
    }

    /** "{@code what} ran out of memory (Java heap: N MB); …" with the remedies. */
    public static String message(String what) {
        long mb = Runtime.getRuntime().maxMemory() >> 20;
        return what + " ran out of memory (Java heap: " + mb + " MB); give Java more with LOSSKIT_JAVA_OPTS=-Xmx"
                + Math.max(1, 4 * mb >> 10) + "g, use --batch-size N for batch losses, or give JSON as JSONL "
                + "or an array of records, which are read as a stream";
    }
}
