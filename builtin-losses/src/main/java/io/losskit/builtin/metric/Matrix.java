package io.losskit.builtin.metric;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Sample;
import java.util.List;

/**
 * A batch's vectors of one role as an n×d row-major array, with the column-major copy the
 * pairwise kernels stream through. O(n·d) memory.
 */
final class Matrix {

    final int n;
    final int d;
    /** Row i is {@code data[i·d .. (i+1)·d)}. */
    final double[] data;
    private double[][] columns;

    Matrix(int n, int d, double[] data) {
        this.n = n;
        this.d = d;
        this.data = data;
    }

    /**
     * Reads {@code role} from every sample of the batch.
     *
     * @param dimension the dimension every vector must have, or −1 for that of the first
     * @param dimensionSource what fixed {@code dimension} (for the message), when not −1
     * @throws InvalidSampleException for an empty vector or one of another dimension
     */
    static Matrix read(List<Sample> batch, String role, int dimension, String dimensionSource) {
        int n = batch.size();
        double[] data = null;
        int d = dimension;
        for (int i = 0; i < n; i++) {
            double[] v = batch.get(i).vector(role);
            if (v.length == 0) {
                throw new InvalidSampleException(role, "an empty vector", i);
            }
            if (d < 0) {
                d = v.length;
            } else if (v.length != d) {
                throw new InvalidSampleException(role, "a vector of dimension " + v.length + " where "
                        + (dimension < 0 ? "the batch's first " + role + " has " : dimensionSource + " has ") + d, i);
            }
            if (data == null) {
                data = new double[Math.multiplyExact(n, d)];
            }
            System.arraycopy(v, 0, data, i * d, d);
        }
        return new Matrix(n, Math.max(d, 0), data == null ? new double[0] : data);
    }

    /** Row i, copied. */
    double[] row(int i) {
        double[] r = new double[d];
        System.arraycopy(data, i * d, r, 0, d);
        return r;
    }

    /** The d columns, each of length n (computed once). */
    double[][] columns() {
        if (columns == null) {
            double[][] c = new double[d][n];
            for (int i = 0; i < n; i++) {
                int o = i * d;
                for (int k = 0; k < d; k++) {
                    c[k][i] = data[o + k];
                }
            }
            columns = c;
        }
        return columns;
    }

    /**
     * The rows scaled to unit L2 norm, for cosine similarities.
     *
     * @throws InvalidSampleException naming {@code role} for a zero vector, whose cosine is undefined
     */
    Matrix normalized(String role) {
        double[] u = new double[data.length];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += data[o + k] * data[o + k];
            }
            double norm = Math.sqrt(s);
            if (norm == 0 || !Double.isFinite(norm)) {
                throw new InvalidSampleException(role, (norm == 0 ? "a zero vector has no cosine similarity"
                        : "a vector whose norm overflows"), i);
            }
            for (int k = 0; k < d; k++) {
                u[o + k] = data[o + k] / norm;
            }
        }
        return new Matrix(n, d, u);
    }
}
