package io.losskit.cli;

import io.losskit.cli.engine.RunProgress;
import io.losskit.cli.input.InputFiles;
import io.losskit.cli.input.RecordSource;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * A progress line on standard error for long runs ({@code score}, {@code compare}), redrawn four
 * times a second (and when the phase changes) from a thread of its own that reads what the engine
 * publishes ({@link RunProgress}): the phase (reading, computing a loss, which batch), the records
 * read, their rate and the time so far, and, when the input's size is known, the percent read and
 * the time left. It appears after {@code delayMillis} and is erased at the end.
 */
final class Progress implements AutoCloseable {

    /** How often the line is redrawn. */
    static final long REFRESH_MILLIS = 250;
    private static final long TICK_MILLIS = 20;

    /**
     * What one line shows.
     *
     * @param computing what is computed once the input is read, or null while reading
     * @param records the records read so far
     * @param fraction the fraction of the input read, or -1 when its size is not known
     * @param seconds the time since the run started
     * @param batchSize as {@link RunProgress#batchSize()}
     * @param replicates as {@link RunProgress#replicates()}
     */
    record State(String computing, long records, double fraction, double seconds, int batchSize, int replicates) {
    }

    private final Thread thread;
    private final PrintWriter err;
    private volatile boolean shown;

    Progress(RunProgress engine, InputFiles files, RecordSource source, PrintWriter err, long delayMillis) {
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
                    if (drawn == 0 || now - drawn >= REFRESH_MILLIS * 1_000_000 || !Objects.equals(phase, computing)) {
                        String line = line(state(engine, files, source, (now - start) / 1e9));
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

    /**
     * The state of the run now. The fraction read comes from the engine's parts when it reads in
     * parallel, else from the bytes of the files read as streams (over all of them: both files of
     * -p/-t, compressed bytes of a .gz), else from the records the source's metadata announces
     * (.npy, .npz, Parquet).
     */
    static State state(RunProgress engine, InputFiles files, RecordSource source, double seconds) {
        long n = engine.recordsRead();
        double f = engine.fractionRead();
        if (f < 0) {
            f = files.fractionRead();
        }
        if (f < 0) {
            long total = source.recordCount();
            f = total > 0 ? Math.min(1, n / (double) total) : -1;
        }
        return new State(engine.computing(), n, f, seconds, engine.batchSize(), engine.replicates());
    }

    /** The line of {@code s}. */
    static String line(State s) {
        long n = s.records();
        String elapsed = time(s.seconds());
        if (s.computing() != null) {
            return "computing " + s.computing() + " (" + String.format("%,d", n) + " records read; " + elapsed + ")";
        }
        double f = s.fraction();
        StringBuilder b = new StringBuilder("reading");
        if (s.replicates() > 0) {
            b.append(String.format(" (with %,d bootstrap replicates)", s.replicates()));
        }
        if (f >= 0) {
            b.append(String.format(" %3.0f%%", 100 * f));
        }
        b.append(String.format(", %,d records (%,.0f/s, %s", n, s.seconds() > 0 ? n / s.seconds() : 0, elapsed));
        if (f > 0.001) {
            b.append(", ").append(time(s.seconds() * (1 - f) / f)).append(" left");
        }
        b.append(')');
        int batch = s.batchSize();
        if (batch > 0) {
            // the record that completes batch k computes it: k = ⌈records / batch size⌉ until the next one is read
            long k = Math.max(1, (n + batch - 1) / batch);
            b.append(", computing batch ").append(String.format("%,d", k));
            if (f > 0.001) {
                b.append(" of about ").append(String.format("%,d", Math.max(k, (long) Math.ceil(n / f / batch))));
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
