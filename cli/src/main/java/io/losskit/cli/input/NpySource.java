package io.losskit.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} array (format versions 1–3): a header, then the raw data. The first axis
 * is the record: 1-D gives a number (or class index) per record, 2-D a vector, 3-D a matrix.
 * Dtypes f2/f4/f8, i1–i8, u1–u8 and bool, little- or big-endian; C order is streamed record by
 * record, Fortran order (each record spread over the whole file) is read into memory first. The
 * file holds one role, named by the side it is given on ({@code -p}/{@code -t}).
 */
public final class NpySource extends OneColumnSource {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final char kind;
    private final int itemSize;
    private final ByteOrder order;
    private final long[] shape;
    private final int perRecord;
    private final ByteBuffer row;
    /** The whole data, for Fortran order; null for C order. */
    private final ByteBuffer all;
    private long records;

    /**
     * Reads the header of the array in {@code in}.
     *
     * @throws InputError when it is not a .npy file, or its dtype or shape fits no role
     */
    public NpySource(String name, InputStream in, String column) throws IOException {
        super(name, in, column);
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw InputError.inFile(name, "array " + column + " is not a NumPy .npy array (no \\x93NUMPY magic)");
        }
        int major = magic[6];
        byte[] len = in.readNBytes(major == 1 ? 2 : 4);
        long headerLength = 0;
        for (int i = len.length - 1; i >= 0; i--) {
            headerLength = headerLength << 8 | (len[i] & 0xff);
        }
        String header = new String(in.readNBytes((int) headerLength), major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw InputError.inFile(name, "unsupported array: dtype " + header.trim() + " (supported: f2, f4, f8, i1-i8, u1-u8, bool)");
        }
        String descr = d.group(1);
        kind = descr.length() >= 3 ? descr.charAt(1) : '?';
        itemSize = descr.length() >= 3 ? parseSize(descr.substring(2)) : -1;
        boolean supported = switch (kind) {
            case 'f' -> itemSize == 2 || itemSize == 4 || itemSize == 8;
            case 'i', 'u' -> itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8;
            case 'b' -> itemSize == 1;
            default -> false;
        };
        if (!supported) {
            throw InputError.inFile(name, "array " + column + " has dtype " + descr + ", which no role reads"
                    + " (supported: f2, f4, f8, i1-i8, u1-u8, bool)");
        }
        order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.trim().replace("L", "")));
            }
        }
        shape = dims.stream().mapToLong(Long::longValue).toArray();
        if (shape.length < 1 || shape.length > 3) {
            throw InputError.inFile(name, "array " + column + " has shape " + shapeText()
                    + ": the first axis is the record, so 1-D (a number each), 2-D (a vector) or 3-D (a matrix)");
        }
        long per = 1;
        for (int i = 1; i < shape.length; i++) {
            per *= shape[i];
        }
        if (per * itemSize > Integer.MAX_VALUE) {
            throw InputError.inFile(name, "array " + column + " has shape " + shapeText() + ": a record is too large");
        }
        perRecord = (int) per;
        boolean fortran = f.group(1).equals("True") && shape.length > 1;
        if (fortran) {
            long bytes = shape[0] * per * itemSize;
            if (bytes > Integer.MAX_VALUE - 16) {
                throw InputError.inFile(name, "a Fortran-order array of more than 2 GB: save it in C order (np.ascontiguousarray)");
            }
            all = ByteBuffer.wrap(readFully((int) bytes)).order(order);
            row = null;
        } else {
            all = null;
            row = ByteBuffer.allocate(perRecord * itemSize).order(order);
        }
    }

    /** The length of the first axis: the number of records. */
    long records() {
        return shape[0];
    }

    @Override
    public long recordCount() {
        return shape[0];
    }

    private static int parseSize(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String shapeText() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private byte[] readFully(int bytes) throws IOException {
        byte[] b = in.readNBytes(bytes);
        if (b.length < bytes) {
            throw InputError.inFile(name, "array " + column + " ends early: shape " + shapeText() + " needs " + bytes
                    + " bytes, the file has " + b.length);
        }
        return b;
    }

    @Override
    public Record next() throws IOException {
        if (records == shape[0]) {
            return null;
        }
        double[] values = new double[perRecord];
        if (all == null) {
            byte[] b = row.array();
            int n = in.readNBytes(b, 0, b.length);
            if (n < b.length) {
                throw new InputError(name, -1, records + 1, column, "the data ends early: shape " + shapeText()
                        + " has " + shape[0] + " records").unrecoverable();
            }
            for (int j = 0; j < perRecord; j++) {
                values[j] = element(row, j * itemSize);
            }
        } else {
            // Fortran order: element (r, j, k) of shape (N, M, K) is at r + N·(j + M·k); j + M·k
            // runs over the record's elements in Fortran order too, so map it back to C order.
            long n0 = shape[0];
            for (int e = 0; e < perRecord; e++) {
                int c = shape.length == 3 ? (int) ((e % shape[1]) * shape[2] + e / shape[1]) : e;
                values[c] = element(all, (int) ((records + n0 * e) * itemSize));
            }
        }
        records++;
        Object value;
        if (shape.length == 1) {
            value = values[0];
        } else if (shape.length == 2) {
            value = values;
        } else {
            double[][] m = new double[(int) shape[1]][];
            for (int i = 0; i < m.length; i++) {
                m[i] = java.util.Arrays.copyOfRange(values, i * (int) shape[2], (i + 1) * (int) shape[2]);
            }
            value = m;
        }
        return new FrozenRecord(records, -1, new Object[] {value});
    }

    private double element(ByteBuffer b, int at) {
        return switch (kind) {
            case 'f' -> itemSize == 8 ? b.getDouble(at) : itemSize == 4 ? b.getFloat(at) : halfToDouble(b.getShort(at));
            case 'i' -> switch (itemSize) {
                case 1 -> b.get(at);
                case 2 -> b.getShort(at);
                case 4 -> b.getInt(at);
                default -> (double) b.getLong(at);
            };
            case 'u' -> switch (itemSize) {
                case 1 -> b.get(at) & 0xff;
                case 2 -> b.getShort(at) & 0xffff;
                case 4 -> b.getInt(at) & 0xffffffffL;
                default -> unsigned(b.getLong(at));
            };
            default -> b.get(at) != 0 ? 1 : 0;
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }

    /** IEEE 754 binary16 to double (Float.float16ToFloat is Java 20). */
    static double halfToDouble(short h) {
        int sign = (h >> 15) & 1;
        int exp = (h >> 10) & 0x1f;
        int mant = h & 0x3ff;
        double v;
        if (exp == 0) {
            v = mant * 0x1p-24;
        } else if (exp == 31) {
            v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = (1 + mant / 1024.0) * Math.scalb(1.0, exp - 15);
        }
        return sign == 1 ? -v : v;
    }
}
