package io.losskit.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A parameter of a loss, and the typed key its value is read with: declare it once,
 * <pre>{@code static final ParamSpec<Double> DELTA = ParamSpec.ofDouble("delta", "1.0", "the threshold δ").above(0);}</pre>
 * list it in the descriptor, and read {@code params.get(DELTA)} in
 * {@link LossDefinition#create}. The host parses the text the user gives by {@link #type()},
 * checks the range and choices, and hands the loss the typed value.
 *
 * <p>Made by the {@code of…} factories and narrowed by {@link #atLeast}, {@link #above},
 * {@link #atMost}, {@link #below} and {@link #oneOf}, each of which returns a new spec; a default
 * that does not parse or lies outside the range is refused there, when the pack loads.
 *
 * @param <T> the value's type: {@code Double}, {@code Integer}, {@code Boolean}, {@code String},
 *     {@code double[]}, {@code Map<String, double[]>} or the enum of a choice
 */
public final class ParamSpec<T> {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private final String name;
    private final ParamType type;
    private final Class<?> valueType;
    private final String defaultValue;
    private final Double min;
    private final boolean minInclusive;
    private final Double max;
    private final boolean maxInclusive;
    private final List<String> choices;
    /** The values of a {@link ParamType#CHOICE}, in the order of {@link #choices}. */
    private final List<T> choiceValues;
    private final String description;

    private ParamSpec(String name, ParamType type, Class<?> valueType, String defaultValue, Double min,
                      boolean minInclusive, Double max, boolean maxInclusive, List<String> choices,
                      List<T> choiceValues, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.valueType = valueType;
        this.defaultValue = defaultValue;
        this.min = min;
        this.minInclusive = minInclusive;
        this.max = max;
        this.maxInclusive = maxInclusive;
        this.choices = List.copyOf(choices);
        this.choiceValues = choiceValues;
        this.description = Objects.requireNonNull(description, "description");
        if (defaultValue != null && type != ParamType.VECTOR_MAP) {
            try {
                parse(name, defaultValue, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the default of " + e.getMessage(), e);
            }
        }
    }

    private static <T> ParamSpec<T> of(String name, ParamType type, Class<?> valueType, String defaultValue,
                                       String description) {
        return new ParamSpec<>(name, type, valueType, defaultValue, null, false, null, false, List.of(), null,
                description);
    }

    /**
     * A number ({@code 0.5}, {@code 1e-7}); always finite.
     *
     * @param name the key, e.g. {@code delta}
     * @param defaultValue the default as a user would type it, or {@code null} for none (the loss
     *     then asks {@link Parameters#isSet})
     * @param description one line; say what an unset parameter means when there is no default
     */
    public static ParamSpec<Double> ofDouble(String name, String defaultValue, String description) {
        return of(name, ParamType.DOUBLE, Double.class, defaultValue, description);
    }

    /** An integer; otherwise as {@link #ofDouble}. */
    public static ParamSpec<Integer> ofInt(String name, String defaultValue, String description) {
        return of(name, ParamType.INT, Integer.class, defaultValue, description);
    }

    /** {@code true} or {@code false}; otherwise as {@link #ofDouble}. */
    public static ParamSpec<Boolean> ofBoolean(String name, String defaultValue, String description) {
        return of(name, ParamType.BOOLEAN, Boolean.class, defaultValue, description);
    }

    /** Free text, as given; otherwise as {@link #ofDouble}. */
    public static ParamSpec<String> ofString(String name, String defaultValue, String description) {
        return of(name, ParamType.STRING, String.class, defaultValue, description);
    }

    /** A list of numbers ({@code 0.5,2,1}); the range applies to each; otherwise as {@link #ofDouble}. */
    public static ParamSpec<double[]> ofDoubles(String name, String defaultValue, String description) {
        return of(name, ParamType.DOUBLE_LIST, double[].class, defaultValue, description);
    }

    /**
     * A JSON file holding an object that maps labels to vectors (class centres, say), which the
     * host reads; the loss gets label → vector in file order. It has no default.
     */
    @SuppressWarnings("unchecked")
    public static ParamSpec<Map<String, double[]>> ofVectorMap(String name, String description) {
        return (ParamSpec<Map<String, double[]>>) (ParamSpec<?>) of(name, ParamType.VECTOR_MAP, Map.class, null,
                description);
    }

    /**
     * One of a fixed set of words, read as a constant of an enum. A constant's word is its name
     * in lower case with {@code _} as {@code -} ({@code LOG_PROBS} is {@code log-probs}).
     *
     * @param defaultValue the default, or {@code null} for none
     * @param values the allowed constants, in the order they are described
     */
    @SafeVarargs
    public static <E extends Enum<E>> ParamSpec<E> ofChoice(String name, E defaultValue, String description,
                                                            E... values) {
        List<String> words = new ArrayList<>();
        for (E v : values) {
            words.add(word(v));
        }
        return new ParamSpec<>(name, ParamType.CHOICE, values.getClass().getComponentType(),
                defaultValue == null ? null : word(defaultValue), null, false, null, false, words,
                List.of(values), description);
    }

    /** One of a fixed set of words, read as the word; otherwise as {@link #ofChoice(String, Enum, String, Enum[])}. */
    public static ParamSpec<String> ofChoice(String name, String defaultValue, String description, String... values) {
        return new ParamSpec<>(name, ParamType.CHOICE, String.class, defaultValue, null, false, null, false,
                List.of(values), List.of(values), description);
    }

    /** The word a user types for {@code value}: its name in lower case, {@code _} as {@code -}. */
    public static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private ParamSpec<T> with(Double min, boolean minInclusive, Double max, boolean maxInclusive, List<String> choices) {
        return new ParamSpec<>(name, type, valueType, defaultValue, min, minInclusive, max, maxInclusive, choices,
                choiceValues, description);
    }

    /** This parameter with values ≥ {@code min}. */
    public ParamSpec<T> atLeast(double min) {
        return with(min, true, max, maxInclusive, choices);
    }

    /** This parameter with values &gt; {@code min}. */
    public ParamSpec<T> above(double min) {
        return with(min, false, max, maxInclusive, choices);
    }

    /** This parameter with values ≤ {@code max}. */
    public ParamSpec<T> atMost(double max) {
        return with(min, minInclusive, max, true, choices);
    }

    /** This parameter with values &lt; {@code max}. */
    public ParamSpec<T> below(double max) {
        return with(min, minInclusive, max, false, choices);
    }

    /** This number parameter restricted to the listed values (such as {@code p ∈ {1, 2}}). */
    public ParamSpec<T> oneOf(String... values) {
        if (type == ParamType.CHOICE) {
            throw new IllegalArgumentException(name + ": a choice lists its values when it is made");
        }
        return with(min, minInclusive, max, maxInclusive, List.of(values));
    }

    /** The key, e.g. {@code delta}. */
    public String name() {
        return name;
    }

    /** The value's type. */
    public ParamType type() {
        return type;
    }

    /** The default as a user would type it, or {@code null} when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The smallest allowed value of a number (or of each list element), or {@code null}. */
    public Double min() {
        return min;
    }

    /** Whether {@link #min()} itself is allowed. */
    public boolean minInclusive() {
        return minInclusive;
    }

    /** The largest allowed value, or {@code null}. */
    public Double max() {
        return max;
    }

    /** Whether {@link #max()} itself is allowed. */
    public boolean maxInclusive() {
        return maxInclusive;
    }

    /** The words of a {@link ParamType#CHOICE}, or the allowed values of a number; empty otherwise. */
    public List<String> choices() {
        return choices;
    }

    /** One line for the loss's description. */
    public String description() {
        return description;
    }

    /** The allowed range in interval notation, e.g. {@code (0, 1)}, the choices, or an empty string. */
    public String range() {
        if (!choices.isEmpty()) {
            return String.join("|", choices);
        }
        if (min == null && max == null) {
            return "";
        }
        return (min == null ? "(-∞" : (minInclusive ? "[" : "(") + format(min)) + ", "
                + (max == null ? "∞)" : format(max) + (maxInclusive ? "]" : ")"));
    }

    /** Whether a value read with {@code key} can be read with this spec (same name and value type). */
    boolean fits(ParamSpec<?> key) {
        return name.equals(key.name) && type == key.type && valueType == key.valueType;
    }

    @Override
    public String toString() {
        return name + " (" + type + (range().isEmpty() ? "" : " " + range()) + ")";
    }

    /**
     * Parses and checks {@code text}.
     *
     * @param where the name to put in messages, e.g. {@code huber.delta}
     * @param vectorMaps reads the file a {@link ParamType#VECTOR_MAP} names
     * @throws IllegalArgumentException naming {@code where}, when the text does not parse or is
     *     not allowed
     */
    Object parse(String where, String text, Function<String, Map<String, double[]>> vectorMaps) {
        String t = text.trim();
        switch (type) {
            case DOUBLE: {
                return check(where, number(where, t, "a number"), t);
            }
            case INT: {
                int v;
                try {
                    v = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + " must be an integer, not '" + text + "'");
                }
                check(where, v, t);
                return v;
            }
            case BOOLEAN: {
                String b = t.toLowerCase(Locale.ROOT);
                if (!b.equals("true") && !b.equals("false")) {
                    throw new IllegalArgumentException(where + " must be true or false, not '" + text + "'");
                }
                return Boolean.parseBoolean(b);
            }
            case CHOICE: {
                int i = choices.indexOf(t);
                if (i < 0) {
                    throw new IllegalArgumentException(where + " must be one of " + String.join(", ", choices)
                            + ", not '" + text + "'");
                }
                return choiceValues.get(i);
            }
            case STRING:
                return text;
            case DOUBLE_LIST: {
                String body = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1).trim() : t;
                String[] parts = body.split("[,\\s]+");
                double[] v = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    v[i] = check(where, number(where, parts[i], "a comma-separated list of numbers"), parts[i]);
                }
                return v;
            }
            case VECTOR_MAP:
                return Collections.unmodifiableMap(vectorMaps.apply(text));
            default:
                throw new AssertionError(type);
        }
    }

    /** A number in the syntax of JSON (and Python's float): no {@code 1d}, {@code 0x1p3} or {@code 1_0}. */
    private double number(String where, String t, String what) {
        if (NON_FINITE.matcher(t).matches()) {
            // a number, but never an allowed one: say so with the range
            return t.toLowerCase(Locale.ROOT).contains("nan") ? Double.NaN
                    : t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException(where + " must be " + what + ", not '" + t + "'");
        }
        return Double.parseDouble(t);
    }

    /** {@code v} when it is finite and allowed; else the error names the range. */
    private double check(String where, double v, String text) {
        boolean inRange = Double.isFinite(v)
                && (min == null || (minInclusive ? v >= min : v > min))
                && (max == null || (maxInclusive ? v <= max : v < max));
        boolean allowed = choices.isEmpty() || choices.stream().anyMatch(c -> Double.parseDouble(c) == v);
        if (!inRange || !allowed) {
            String range = range();
            throw new IllegalArgumentException(where + " must be " + (range.isEmpty() ? "a finite number"
                    : (choices.isEmpty() ? "in " : "one of ") + range) + ", not " + text);
        }
        return v;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
