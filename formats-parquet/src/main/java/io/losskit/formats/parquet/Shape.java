package io.losskit.formats.parquet;

import java.util.Locale;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * How a top-level field with one leaf column gives a value: its leaf's type, how deep its lists
 * nest ({@link #repeats}: 0 a scalar, 1 a vector, 2 a matrix) and the definition level at which
 * each level's element exists. With the repetition and definition levels of a value these say
 * where a row, a list or an item starts and whether it is null, empty or present.
 */
final class Shape {

    enum Leaf { DOUBLE, FLOAT, INT32, INT64, UINT32, UINT64, BOOLEAN, STRING, OTHER }

    final Leaf leaf;
    final int repeats;
    /** {@code def[k]}: the definition level at which the list at level k (1-based) has an element; its container is null below {@code def[k] - 1}. */
    final int[] def;
    final int maxDef;
    private final String typeText;

    private Shape(Leaf leaf, int repeats, int[] def, int maxDef, String typeText) {
        this.leaf = leaf;
        this.repeats = repeats;
        this.def = def;
        this.maxDef = maxDef;
        this.typeText = typeText;
    }

    static Shape of(GroupType schema, ColumnDescriptor column, String annotation, boolean unsigned) {
        String[] path = column.getPath();
        int repeats = column.getMaxRepetitionLevel();
        int[] def = new int[repeats + 1];
        int d = 0;
        int r = 0;
        Type t = schema;
        for (String step : path) {
            t = t.asGroupType().getType(step);
            if (!t.isRepetition(Type.Repetition.REQUIRED)) {
                d++;
            }
            if (t.isRepetition(Type.Repetition.REPEATED)) {
                def[++r] = d;
            }
        }
        PrimitiveTypeName physical = column.getPrimitiveType().getPrimitiveTypeName();
        Leaf leaf = leaf(physical, annotation, unsigned);
        String text = physical.name().toLowerCase(Locale.ROOT) + (annotation != null ? " (" + annotation + ")" : "");
        for (int k = 0; k < repeats; k++) {
            text = "list<" + text + ">";
        }
        return new Shape(leaf, repeats, def, column.getMaxDefinitionLevel(), text);
    }

    private static Leaf leaf(PrimitiveTypeName t, String a, boolean unsigned) {
        boolean integer = a == null || a.equals("INTEGER") || a.startsWith("INT_") || a.startsWith("UINT_");
        return switch (t) {
            case DOUBLE -> a == null ? Leaf.DOUBLE : Leaf.OTHER;
            case FLOAT -> a == null ? Leaf.FLOAT : Leaf.OTHER;
            case BOOLEAN -> a == null ? Leaf.BOOLEAN : Leaf.OTHER;
            case INT32 -> integer ? (unsigned ? Leaf.UINT32 : Leaf.INT32) : Leaf.OTHER;
            case INT64 -> integer ? (unsigned ? Leaf.UINT64 : Leaf.INT64) : Leaf.OTHER;
            case BINARY -> a == null || a.equals("STRING") || a.equals("UTF8") || a.equals("ENUM") || a.equals("JSON") ? Leaf.STRING : Leaf.OTHER;
            default -> Leaf.OTHER;
        };
    }

    /** The type's description when no role can read it (another leaf type, lists nested deeper, a matrix of strings), else null. */
    String problem() {
        boolean fits = leaf != Leaf.OTHER && repeats <= 2 && !(leaf == Leaf.STRING && repeats == 2);
        return fits ? null : typeText;
    }
}
