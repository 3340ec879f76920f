package io.losskit.spi;

import java.util.List;
import java.util.Objects;

/**
 * A parameter of a loss. The engine parses {@code -P key=value} by {@link #type()}, checks the
 * range and choices, and hands the loss typed values through {@link Parameters}.
 *
 * @param name the key, e.g. {@code delta}
 * @param type the value's type
 * @param defaultValue the default as it would be typed, or {@code null} when the parameter has
 *     none (the loss then checks {@link Parameters#isSet})
 * @param min the smallest allowed value of a number (or of each list element), or {@code null}
 * @param minInclusive whether {@code min} itself is allowed
 * @param max the largest allowed value, or {@code null}
 * @param maxInclusive whether {@code max} itself is allowed
 * @param choices the allowed values of a {@link ParamType#CHOICE} (or of a number when not
 *     empty, e.g. {@code 1, 2}); empty otherwise
 * @param description one line for {@code describe}; say what the default means when it is
 *     {@code null}
 */
public record ParamSpec(String name, ParamType type, String defaultValue,
                        Double min, boolean minInclusive, Double max, boolean maxInclusive,
                        List<String> choices, String description) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
    }

    /** An unbounded parameter. */
    public static ParamSpec of(String name, ParamType type, String defaultValue, String description) {
        return new ParamSpec(name, type, defaultValue, null, false, null, false, List.of(), description);
    }

    /** A parameter with one of a fixed set of values. */
    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParamSpec(name, ParamType.CHOICE, defaultValue, null, false, null, false, choices, description);
    }

    /** This parameter with values at least {@code min} ({@code inclusive}) or above it. */
    public ParamSpec atLeast(double min, boolean inclusive) {
        return new ParamSpec(name, type, defaultValue, min, inclusive, max, maxInclusive, choices, description);
    }

    /** This parameter with values at most {@code max} ({@code inclusive}) or below it. */
    public ParamSpec atMost(double max, boolean inclusive) {
        return new ParamSpec(name, type, defaultValue, min, minInclusive, max, inclusive, choices, description);
    }

    /** This parameter restricted to the listed values (for numbers such as {@code p ∈ {1, 2}}). */
    public ParamSpec oneOf(String... values) {
        return new ParamSpec(name, type, defaultValue, min, minInclusive, max, maxInclusive, List.of(values), description);
    }

    /** The allowed range in interval notation, e.g. {@code (0, 1)}, or an empty string. */
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

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
