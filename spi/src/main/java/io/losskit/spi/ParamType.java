package io.losskit.spi;

/** The type of a parameter value, as typed on the command line with {@code -P key=value}. */
public enum ParamType {
    /** A double, e.g. {@code 0.5}, {@code 1e-7}. */
    DOUBLE,
    /** An integer. */
    INT,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of {@link ParamSpec#choices()}. */
    CHOICE,
    /** Free text. */
    STRING,
    /** A comma-separated list of doubles, e.g. {@code 0.5,2,1}. */
    DOUBLE_LIST,
    /** A JSON file holding an object that maps labels to vectors, e.g. class centres. */
    VECTOR_MAP
}
