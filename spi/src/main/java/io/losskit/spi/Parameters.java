package io.losskit.spi;

/**
 * A loss's parameters for one run, typed and checked against its {@link ParamSpec}s: read each
 * with the spec that declares it, {@code params.get(DELTA)}. A value is the user's or the
 * default; asking with a spec the descriptor does not declare (by name and type) is a
 * programming error ({@link IllegalArgumentException}).
 */
public interface Parameters {

    /** Whether the parameter has a value (given by the user, or a default). */
    boolean isSet(ParamSpec<?> param);

    /**
     * The parameter's value: for a choice, the enum constant (or the word); for a list, a copy.
     *
     * @throws IllegalArgumentException when it has no value ({@link #isSet} is false) or the
     *     descriptor declares no such parameter
     */
    <T> T get(ParamSpec<T> param);
}
