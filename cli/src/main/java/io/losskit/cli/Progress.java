package io.losskit.cli;

import io.losskit.cli.engine.ScoreEngine;
import io.losskit.cli.input.InputFiles;
import java.io.PrintWriter;

/**
 * A progress line on standard error for long runs, refreshed four times a second (and when
 * the phase changes) from a thread of its own that reads volatile fields: the reading threads only
 * bump a counter every 4,096 records, nothing is formatted on the hot path: the phase (reading, computing a loss, which
 * batch), the records read and their rate, and, when the input's size is known, the percent read
 * and the time left. It appears after {@code delayMillis} and is erased at the end.
 */
final class Progress implements AutoCloseable {

    /** How often the line is redrawn. */
    static final long REFRESH_MILLIS = 250;
    private static final long TICK_MILLIS = 20;

    private final Thread thread;
    private final PrintWriter err;
    private volatile boolean shown;

    Progress(ScoreEngine engine, InputFiles files, PrintWriter err, long delayMillis) {
        this.err = err;
        long start = System.nanoTime();
        thread = new Thread(() -> {
            try {
                Thread.sleep(delayMillis);
                String phase = null;
                long drawn = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    // redrawn every REFRESH_MILLIS, and within a tick of a new phase
                    long now = System.nanoTime();
                    String computing = engine.computing();
                    if (drawn == 0 || now - drawn >= REFRESH_MILLIS * 1_000_000 || !java.util.Objects.equals(phase, computing)) {
                        String line = line(engine, files, (now - start) / 1e9);
                        synchronized (err) {
                            err.print("\rlosskit: " + line + "\033[K");
                            err.flush();
                        }
                        shown = true;
                        drawn = now;
                        phase = computing;
                    }
                    Thread.sleep(TICK_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "losskit-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** The line for {@code seconds} into the run. */
    static String line(ScoreEngine engine, InputFiles files, double seconds) {
        long n = engine.recordsRead();
        String computing = engine.computing();
        if (computing != null) {
            return "computing " + computing + " (" + String.format("%,d", n) + " records read; " + time(seconds) + ")";
        }
        double f = engine.parallel() ? -1 : files.fractionRead();
        StringBuilder b = new StringBuilder("reading");
        if (f >= 0) {
            b.append(String.format(" %3.0f%%", 100 * f));
        }
        b.append(String.format(", %,d records (%,.0f/s", n, seconds > 0 ? n / seconds : 0));
        if (f > 0.001) {
            b.append(", ").append(time(seconds * (1 - f) / f)).append(" left");
        }
        b.append(')');
        int batch = engine.batchSize();
        if (batch > 0) {
            b.append(", batch ").append(String.format("%,d", n / batch + 1));
            if (f > 0.001) {
                b.append(" of about ").append(String.format("%,d", (long) Math.ceil(n / f / batch)));
            }
        } else if (batch == 0) {
            b.append(", then one batch of all records");
        }
        return b.toString();
    }

    private static String time(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shown) {
            synchronized (err) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
