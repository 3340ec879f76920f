package io.losskit.builtin.metric;

/** Distances and products of two vectors of equal length. */
final class Vectors {

    private Vectors() {
    }

    /** ‖x − y‖², summed in four interleaved lanes. */
    static double squaredDistance(double[] x, double[] y) {
        return squaredDistance(x, 0, y, 0, x.length);
    }

    /** ‖x[xo..xo+d) − y[yo..yo+d)‖². */
    static double squaredDistance(double[] x, int xo, double[] y, int yo, int d) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            double t0 = x[xo + k] - y[yo + k];
            double t1 = x[xo + k + 1] - y[yo + k + 1];
            double t2 = x[xo + k + 2] - y[yo + k + 2];
            double t3 = x[xo + k + 3] - y[yo + k + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; k < d; k++) {
            double t = x[xo + k] - y[yo + k];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** ‖x − y + eps‖² (torch {@code pairwise_distance}'s form, squared). */
    static double squaredDistance(double[] x, double[] y, double eps) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            double t = x[k] - y[k] + eps;
            s += t * t;
        }
        return s;
    }

    /** x · y. */
    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    /** cos(x, y) = x·y / (‖x‖‖y‖); NaN when either is the zero vector. */
    static double cosine(double[] x, double[] y) {
        return dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
    }
}
