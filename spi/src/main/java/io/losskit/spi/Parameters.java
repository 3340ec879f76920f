package io.losskit.spi;

import java.util.Map;

/**
 * A loss's parameters for one run, typed and validated against its {@link ParamSpec}s. Getters
 * return the user's value or the default; asking for a parameter the descriptor does not
 * declare, or with the wrong type, is a programming error ({@link IllegalArgumentException}).
 */
public interface Parameters {

    /** Whether the parameter has a value (given by the user, or a non-null default). */
    boolean isSet(String name);

    /** A {@link ParamType#DOUBLE}. */
    double getDouble(String name);

    /** An {@link ParamType#INT}. */
    int getInt(String name);

    /** A {@link ParamType#BOOLEAN}. */
    boolean getBoolean(String name);

    /** A {@link ParamType#CHOICE} or {@link ParamType#STRING}. */
    String getString(String name);

    /** A {@link ParamType#DOUBLE_LIST}. */
    double[] getDoubles(String name);

    /** A {@link ParamType#VECTOR_MAP}: label → vector, in file order. */
    Map<String, double[]> getVectorMap(String name);
}
