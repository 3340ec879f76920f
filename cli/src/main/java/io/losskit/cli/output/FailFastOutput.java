package io.losskit.cli.output;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that throws {@link OutputError} on the first failed write. A PrintWriter
 * swallows IOExceptions (and System.out does too); an unchecked error passes through it, so a
 * closed pipe stops the run at the write that found it, not after the whole input is read.
 */
public final class FailFastOutput extends FilterOutputStream {

    public FailFastOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static OutputError failure(IOException e) {
        return new OutputError(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
