package io.losskit.spi;

import java.util.Set;

/**
 * One loss: its descriptor and a factory for configured instances.
 *
 * <p>Built-in losses implement this interface in one class per loss, named after the loss.
 */
public interface LossDefinition {

    /** What the loss is, reads and accepts; constant for the lifetime of the definition. */
    LossDescriptor descriptor();

    /**
     * Creates the loss for one run.
     *
     * @param params the parameters, already typed and checked against
     *     {@link LossDescriptor#params()}
     * @param roles the roles the input provides, among those of {@link LossDescriptor#roles()};
     *     a loss with several input shapes (explicit triplets or labelled embeddings, say) picks
     *     its shape from them
     * @return a {@link PerSampleLoss}, {@link AggregateLoss} or {@link BatchLoss}
     * @throws InvalidInputException when the roles present fit no shape of the loss
     * @throws IllegalArgumentException when a combination of parameters is not allowed; the
     *     message is shown to the user as an error in how the loss was asked for
     */
    Loss create(Parameters params, Set<String> roles);
}
