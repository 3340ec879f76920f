package io.losskit.cli.engine;

import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;

/** A loss as the engine runs it: its definition, and where it came from for messages about its failures. */
public interface LoadedLoss {

    /** The loss (a plugin's runs with its pack's context class loader). */
    LossDefinition definition();

    /** Its descriptor, read once when the loss was loaded. */
    LossDescriptor descriptor();

    /** Whether the loss is losskit's own: an exception it throws is then losskit's bug, not a loss failure. */
    boolean builtIn();

    /** Where the loss came from, for messages: "built-in", or "plugin pack acme (/path/acme.jar)". */
    String describeOrigin();
}
