package io.losskit.cli;

import io.losskit.cli.engine.ScoreEngine;
import java.io.PrintWriter;

/**
 * A progress line on standard error for long runs: after the first second, the records read so
 * far, refreshed twice a second, erased at the end.
 */
final class Progress implements AutoCloseable {

    private final Thread thread;
    private final PrintWriter err;
    private volatile boolean shown;

    Progress(ScoreEngine engine, PrintWriter err) {
        this.err = err;
        long start = System.nanoTime();
        thread = new Thread(() -> {
            try {
                Thread.sleep(1000);
                while (!Thread.currentThread().isInterrupted()) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long n = engine.recordsRead();
                    synchronized (err) {
                        err.printf("\rlosskit: %,d records read (%,.0f/s)…   ", n, n / seconds);
                        err.flush();
                    }
                    shown = true;
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "losskit-progress");
        thread.setDaemon(true);
        thread.start();
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
