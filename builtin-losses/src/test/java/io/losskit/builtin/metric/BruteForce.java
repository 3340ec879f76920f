package io.losskit.builtin.metric;

/**
 * Direct O(n³) transcriptions of LOSSES.md's batch definitions, for checking the fast paths on
 * small batches. Each returns {sum, terms, easy, semi-hard, hard}.
 */
final class BruteForce {

    private BruteForce() {
    }

    static double dist(double[] x, double[] y, boolean squared) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += (x[k] - y[k]) * (x[k] - y[k]);
        }
        return squared ? s : Math.sqrt(s);
    }

    private static void kind(double[] acc, double term, boolean hard) {
        acc[0] += term;
        acc[1]++;
        acc[term == 0 ? 2 : hard ? 4 : 3]++;
    }

    static double[] tripletAll(double[][] x, String[] y, double margin, boolean squared) {
        double[] acc = new double[5];
        for (int a = 0; a < x.length; a++) {
            for (int p = 0; p < x.length; p++) {
                if (p == a || !y[p].equals(y[a])) {
                    continue;
                }
                for (int n = 0; n < x.length; n++) {
                    if (y[n].equals(y[a])) {
                        continue;
                    }
                    double dp = dist(x[a], x[p], squared);
                    double dn = dist(x[a], x[n], squared);
                    kind(acc, Math.max(0, dp - dn + margin), dn <= dp);
                }
            }
        }
        return acc;
    }

    static double[] tripletHard(double[][] x, String[] y, double margin, boolean squared) {
        double[] acc = new double[5];
        for (int a = 0; a < x.length; a++) {
            double dp = -1;
            double dn = Double.MAX_VALUE;
            boolean hasN = false;
            for (int j = 0; j < x.length; j++) {
                double d = dist(x[a], x[j], squared);
                if (y[j].equals(y[a]) && j != a) {
                    dp = Math.max(dp, d);
                } else if (!y[j].equals(y[a])) {
                    dn = Math.min(dn, d);
                    hasN = true;
                }
            }
            if (dp >= 0 && hasN) {
                kind(acc, Math.max(0, dp - dn + margin), dn <= dp);
            }
        }
        return acc;
    }

    static double[] tripletSemiHard(double[][] x, String[] y, double margin, boolean squared) {
        double[] acc = new double[5];
        for (int a = 0; a < x.length; a++) {
            for (int p = 0; p < x.length; p++) {
                if (p == a || !y[p].equals(y[a])) {
                    continue;
                }
                double dp = dist(x[a], x[p], squared);
                double outside = Double.POSITIVE_INFINITY;
                double farthest = Double.NEGATIVE_INFINITY;
                for (int n = 0; n < x.length; n++) {
                    if (y[n].equals(y[a])) {
                        continue;
                    }
                    double dn = dist(x[a], x[n], squared);
                    farthest = Math.max(farthest, dn);
                    if (dn > dp) {
                        outside = Math.min(outside, dn);
                    }
                }
                if (farthest == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double dn = outside < Double.POSITIVE_INFINITY ? outside : farthest;
                kind(acc, Math.max(0, dp - dn + margin), dn <= dp);
            }
        }
        return acc;
    }

    static double[] contrastive(double[][] x, String[] y, double margin, boolean squared) {
        double[] acc = new double[5];
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double d = dist(x[i], x[j], false);
                boolean sim = y[i].equals(y[j]);
                double h = sim ? d : Math.max(0, margin - d);
                kind(acc, squared ? h * h : h, sim ? d >= margin / 2 : d <= margin / 2);
            }
        }
        return acc;
    }

    static double[] lifted(double[][] x, String[] y, double alpha) {
        double[] acc = new double[5];
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (!y[i].equals(y[j])) {
                    continue;
                }
                double s = 0;
                boolean any = false;
                for (int k = 0; k < x.length; k++) {
                    if (!y[k].equals(y[i])) {
                        s += Math.exp(alpha - dist(x[i], x[k], false)) + Math.exp(alpha - dist(x[j], x[k], false));
                        any = true;
                    }
                }
                if (!any) {
                    continue;
                }
                double jij = Math.log(s) + dist(x[i], x[j], false);
                acc[0] += Math.max(0, jij) * Math.max(0, jij) / 2;
                acc[1]++;
            }
        }
        return acc;
    }

    static double cos(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static double[] circle(double[][] x, String[] y, double m, double gamma) {
        double[] acc = new double[5];
        for (int a = 0; a < x.length; a++) {
            double sumN = 0;
            double sumP = 0;
            double minP = 2;
            double maxN = -2;
            int np = 0;
            int nn = 0;
            for (int j = 0; j < x.length; j++) {
                double s = cos(x[a], x[j]);
                if (!y[j].equals(y[a])) {
                    sumN += Math.exp(gamma * Math.max(0, s + m) * (s - m));
                    maxN = Math.max(maxN, s);
                    nn++;
                } else if (j != a) {
                    sumP += Math.exp(-gamma * Math.max(0, 1 + m - s) * (s - (1 - m)));
                    minP = Math.min(minP, s);
                    np++;
                }
            }
            if (np == 0 || nn == 0) {
                continue;
            }
            acc[0] += Math.log(1 + sumN * sumP);
            acc[1]++;
            acc[minP >= 1 - m && maxN <= m ? 2 : maxN >= minP ? 4 : 3]++;
        }
        return acc;
    }
}
