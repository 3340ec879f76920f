package io.losskit.spi;

/** The kind of value a role holds; the engine parses and checks values by it. */
public enum RoleKind {
    /** One finite number. */
    NUMBER,
    /** A number or a vector (element-wise losses accept both); see {@link Sample#isVector}. */
    NUMERIC,
    /** A vector of finite numbers. */
    VECTOR,
    /** Rows of equal length (a T×C matrix). */
    MATRIX,
    /** A class: an index, a class name, or a vector of class probabilities (one-hot, soft). */
    CLASS,
    /** A string. */
    TEXT,
    /** A sequence: a list of integers or tokens, or a string. */
    SEQUENCE,
    /** A group label (any number or string), compared for equality only. */
    LABEL
}
