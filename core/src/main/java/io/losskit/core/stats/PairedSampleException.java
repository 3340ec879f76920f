package io.losskit.core.stats;

import io.losskit.spi.InvalidSampleException;

/**
 * A loss refused one system's sample in {@link PairedComparison#add}: the {@link #getCause() cause}
 * names the role and the problem, {@link #candidate()} says whose sample it was, so that the
 * caller can locate it in that system's file.
 */
public final class PairedSampleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean candidate;

    PairedSampleException(boolean candidate, InvalidSampleException cause) {
        super(cause.getMessage(), cause);
        this.candidate = candidate;
    }

    /** Whether the candidate's sample was refused (else the baseline's). */
    public boolean candidate() {
        return candidate;
    }

    @Override
    public synchronized InvalidSampleException getCause() {
        return (InvalidSampleException) super.getCause();
    }
}
