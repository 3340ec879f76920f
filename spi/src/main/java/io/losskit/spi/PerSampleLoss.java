package io.losskit.spi;

/**
 * The common shape: a loss ℓᵢ of one sample. The engine applies sample weights and the
 * reduction ({@code mean} = Σwᵢℓᵢ / Σwᵢ, {@code sum} = Σwᵢℓᵢ, {@code none} = every ℓᵢ) with
 * compensated summation. A sample of weight 0 adds nothing to either sum, even when ℓᵢ is ±∞ or
 * NaN (0·∞ would be NaN); it still counts as a sample, and {@code none} keeps its ℓᵢ.
 *
 * <p>Implementations must be stateless or thread-confined per instance: the engine may call one
 * instance from several threads only if it created it for each of them.
 */
@FunctionalInterface
public non-sealed interface PerSampleLoss extends Loss {

    /**
     * The loss of one sample.
     *
     * @param sample the sample's values by role
     * @param tally where to count {@code details} entries and report warnings; most losses ignore it
     * @return ℓᵢ; +∞ is allowed where the formula gives it
     * @throws InvalidSampleException when a value is outside the loss's domain
     */
    double loss(Sample sample, Tally tally);
}
