package io.losskit.cli;

import java.util.Iterator;

/** The built-in loss ids and aliases, for shell completion of {@code -l}. */
final class LossIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return LossRegistry.builtin().names().iterator();
    }
}
