package io.losskit.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How results print, in the notation Python and JSON users read: Python's {@code repr(float)}
 * (the shortest digits that read back as the same double, the closest of them to its exact value;
 * an exponent {@code e+XX}/{@code e-XX} when the decimal exponent is below −4 or at least 16),
 * or, for people, Python's {@code format(v, ".Ng")}. Infinity, -Infinity, NaN are spelled out.
 */
public final class Numbers {

    private Numbers() {
    }

    /** Decimal digits of a double with its exponent: the value is 0.d₁d₂… × 10^(point). */
    private record Digits(String digits, int point) {
    }

    /**
     * The shortest decimal that reads back as {@code v}, as Python's {@code repr} writes it:
     * {@code 0.1}, {@code 2.0}, {@code 1e-05}, {@code 5e+39}, {@code 1.2345678901234567e+16}.
     */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0";
        }
        Digits d = shortest(Math.abs(v));
        return layout(v < 0, d, 16, true);
    }

    /**
     * {@code v} with {@code significant} significant digits (1 to 17, rounded half-even from the
     * exact value), trailing zeros dropped, as Python's {@code format(v, ".Ng")}: {@code 0.6931},
     * {@code 2}, {@code 1.23e+04}.
     */
    public static String format(double v, int significant) {
        if (significant < 1 || significant > 17) {
            throw new IllegalArgumentException("significant digits must be 1 to 17, not " + significant);
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        Digits d = rounded(Math.abs(v), significant, RoundingMode.HALF_EVEN);
        return layout(v < 0, d, significant, false);
    }

    /**
     * The shortest digits of a positive finite {@code a}. Double.toString's always read back, and
     * when they are 15 or fewer they are the only such digits of that length or less (any two
     * decimals of ≤ 15 digits are different normal doubles), hence the shortest. Longer ones are
     * not always the shortest nor the closest before Java 19 (JDK-4511638): then the exact value
     * is rounded once to 17 digits (which always read back), and from those, knowing on which side
     * of them the exact value lies, to 16 and 15 digits exactly; the shortest that reads back wins.
     * Subnormals have fewer bits than 15 digits tell apart: every length is tried.
     */
    private static Digits shortest(double a) {
        if (a < Double.MIN_NORMAL) {
            for (int p = 1; p < 17; p++) {
                Digits d = rounded(a, p, RoundingMode.HALF_EVEN);
                if (readsBack(d, a)) {
                    return d;
                }
            }
            return rounded(a, 17, RoundingMode.HALF_EVEN);
        }
        Digits inRange = shortestIn128Bits(a);
        if (inRange != null) {
            return inRange;
        }
        Digits fast = parse(Double.toString(a));
        if (fast.digits().length() <= 15) {
            return fast;
        }
        BigDecimal exact = new BigDecimal(a);
        BigDecimal r = exact.round(SEVENTEEN);
        int side = exact.compareTo(r);   // the sign of a − digits17 (exactly)
        long digits17 = r.unscaledValue().longValueExact();
        int point = r.precision() - r.scale();
        for (int n = r.precision(); n < 17; n++) {
            digits17 *= 10;   // an exact value of fewer digits: padded, its point unmoved
        }
        // a power of two has twice the room above as below: a shorter decimal may fit only there
        boolean powerOfTwo = (Double.doubleToRawLongBits(a) & 0x000F_FFFF_FFFF_FFFFL) == 0;
        for (int drop = 2; drop > 0; drop--) {
            long unit = drop == 2 ? 100 : 10;
            long rest = digits17 % unit;
            long down = digits17 - rest;
            long half = unit / 2;
            boolean up = rest > half || rest == half && (side > 0 || side == 0 && (down / unit) % 2 == 1);
            Digits near = of(up ? down + unit : down, point);
            if (readsBack(near, a)) {
                return near;
            }
            if (powerOfTwo && !up && (rest > 0 || side > 0)) {
                Digits above = of(down + unit, point);
                if (readsBack(above, a)) {
                    return above;
                }
            }
        }
        return of(digits17, point);
    }

    /**
     * {@link #shortest} for the doubles of about 0.01 to 4.5e15 (what losses mostly print), in
     * integers: a = m / 2^shift, so a·10^scale = m·10^scale / 2^shift exactly in 128 bits; that
     * gives the 17 digits rounded exactly, and a decimal reads back as {@code a} when it lies
     * within half the gap to each neighbouring double (ties read back when m is even). Null
     * outside that range.
     */
    private static Digits shortestIn128Bits(double a) {
        long bits = Double.doubleToRawLongBits(a);
        int shift = 1075 - (int) (bits >>> 52);
        int scale = 16 - (int) Math.floor(Math.log10(a));
        if (shift <= 0 || shift >= 64) {
            return null;
        }
        long m = (bits & 0x000F_FFFF_FFFF_FFFFL) | 0x0010_0000_0000_0000L;
        long hi;
        long lo;
        long q;
        while (true) {
            if (scale < 0 || scale > 18) {
                return null;
            }
            hi = Math.multiplyHigh(m, POWERS[scale]);
            lo = m * POWERS[scale];
            q = (hi << (64 - shift)) | (lo >>> shift);
            if (q < POWERS[16]) {
                scale++;    // log10 rounded across a power of ten
            } else if (q >= POWERS[17]) {
                scale--;
            } else {
                break;
            }
        }
        long rest = lo & ((1L << shift) - 1);
        long half = 1L << (shift - 1);
        long digits17 = rest > half || rest == half && (q & 1) == 1 ? q + 1 : q;
        int point = 17 - scale;
        boolean even = (m & 1) == 0;
        // a power of two (not the least normal) has a neighbour below at half the distance
        boolean narrowBelow = m == 0x0010_0000_0000_0000L && (bits >>> 52) > 1;
        long limit = POWERS[scale];
        for (long unit = 100; unit >= 10; unit /= 10) {
            long down = digits17 - digits17 % unit;
            long restOf = digits17 % unit;
            // nearest first (half-even on the exact value: digits17's own tie is told by rest), then the other side
            boolean upFirst = restOf > unit / 2 || restOf == unit / 2 && digits17 == q
                    && (rest > 0 || (down / unit) % 2 == 1);
            long first = upFirst ? down + unit : down;
            long second = upFirst ? down : down + unit;
            if (within(first, shift, hi, lo, limit, even, narrowBelow)) {
                return of(first, point);
            }
            if (within(second, shift, hi, lo, limit, even, narrowBelow)) {
                return of(second, point);
            }
        }
        return of(digits17, point);
    }

    /**
     * Whether the decimal c·10^(point−17) reads back: with D = c·2^shift − m·10^scale, |2D| is
     * below 10^scale (4|D| for a power of two's lower side), or equal to it with m even.
     */
    private static boolean within(long c, int shift, long hi, long lo, long limit, boolean even, boolean narrowBelow) {
        long cHi = c >>> (64 - shift);
        long cLo = c << shift;
        long dLo = cLo - lo;
        long dHi = cHi - hi - (Long.compareUnsigned(cLo, lo) < 0 ? 1 : 0);
        boolean below = dHi < 0;
        if (below) {   // |D|
            dLo = -dLo;
            dHi = ~dHi + (dLo == 0 ? 1 : 0);
        }
        if (dHi != 0 || dLo < 0 || dLo > (Long.MAX_VALUE >> 2)) {
            return false;
        }
        long twice = (below && narrowBelow ? 4 : 2) * dLo;
        return twice < limit || twice == limit && even;
    }

    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

    /** 17 digits (a carry may make them 18: 99…95 → 10…0) as Digits, trailing zeros dropped. */
    private static Digits of(long digits17, int point) {
        String d = Long.toString(digits17);
        int p = point + d.length() - 17;
        int last = d.length();
        while (d.charAt(last - 1) == '0') {
            last--;
        }
        return new Digits(d.substring(0, last), p);
    }

    private static boolean readsBack(Digits d, double a) {
        return Double.parseDouble("0." + d.digits() + "E" + d.point()) == a;
    }

    /** The exact value of {@code a} rounded to {@code p} significant digits, trailing zeros dropped. */
    private static Digits rounded(double a, int p, RoundingMode mode) {
        BigDecimal r = new BigDecimal(a).round(new MathContext(p, mode)).stripTrailingZeros();
        String digits = r.unscaledValue().toString();
        return new Digits(digits, digits.length() - r.scale());
    }

    /** The digits of Double.toString's {@code 1.25E-7} or {@code 0.00125}, without leading or trailing zeros. */
    private static Digits parse(String s) {
        int e = s.indexOf('E');
        int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        String mantissa = e < 0 ? s : s.substring(0, e);
        int dot = mantissa.indexOf('.');
        String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exp;
        int first = 0;
        while (all.charAt(first) == '0') {
            first++;
        }
        int last = all.length();
        while (all.charAt(last - 1) == '0') {
            last--;
        }
        return new Digits(all.substring(first, last), point - first);
    }

    /**
     * Python's layout: plain when the exponent (of d.ddd × 10^x) is in [−4, {@code exponentAt}),
     * with ".0" after an integer when {@code pointZero}; else d.ddde±XX.
     */
    private static String layout(boolean negative, Digits d, int exponentAt, boolean pointZero) {
        String digits = d.digits();
        int x = d.point() - 1;
        StringBuilder b = new StringBuilder(digits.length() + 8);
        if (negative) {
            b.append('-');
        }
        if (x < -4 || x >= exponentAt) {
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            b.append(x < 0 ? "e-" : "e+");
            int ax = Math.abs(x);
            if (ax < 10) {
                b.append('0');
            }
            return b.append(ax).toString();
        }
        if (x < 0) {
            b.append("0.");
            b.append("0".repeat(-x - 1)).append(digits);
            return b.toString();
        }
        int whole = x + 1;
        if (digits.length() <= whole) {
            b.append(digits).append("0".repeat(whole - digits.length()));
            return pointZero ? b.append(".0").toString() : b.toString();
        }
        return b.append(digits, 0, whole).append('.').append(digits, whole, digits.length()).toString();
    }
}
