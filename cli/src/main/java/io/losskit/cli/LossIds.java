package io.losskit.cli;

import java.util.Iterator;

/** The loss ids and aliases of this run (built-in and plugins), for shell completion of {@code -l} and {@code describe}. */
final class LossIds implements Iterable<String> {

    private final RegistrySource registries;

    LossIds(RegistrySource registries) {
        this.registries = registries;
    }

    @Override
    public Iterator<String> iterator() {
        return registries.get().names().stream().sorted().iterator();
    }
}
