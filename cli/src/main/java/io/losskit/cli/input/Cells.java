package io.losskit.cli.input;

/** Tells the shape of a text cell without parsing it. */
final class Cells {

    private Cells() {
    }

    /**
     * Whether {@code b[from..to)} holds a list: it starts with {@code [} (after spaces), or has
     * several items separated by spaces, tabs or semicolons.
     */
    static boolean isList(byte[] b, int from, int to) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && b[to - 1] == ' ') {
            to--;
        }
        if (from < to && b[from] == '[') {
            return true;
        }
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == ';') {
                return true;
            }
        }
        return false;
    }
}
