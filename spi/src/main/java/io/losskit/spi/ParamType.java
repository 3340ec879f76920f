package io.losskit.spi;

/** The type of a parameter's value, and how its text is read (see the {@link ParamSpec} factories). */
public enum ParamType {
    /** A finite double, e.g. {@code 0.5}, {@code 1e-7}. */
    DOUBLE,
    /** An integer. */
    INT,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of {@link ParamSpec#choices()}. */
    CHOICE,
    /** Free text. */
    STRING,
    /** A list of finite doubles, separated by commas or spaces, e.g. {@code 0.5,2,1}. */
    DOUBLE_LIST,
    /** A JSON file holding an object that maps labels to vectors, e.g. class centres. */
    VECTOR_MAP
}
