/**
 * The losskit plugin API: everything a loss pack needs, and nothing else.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@link io.losskit.spi.LossProvider} — what {@link java.util.ServiceLoader} finds; lists
 *       the pack's {@link io.losskit.spi.LossDefinition}s.</li>
 *   <li>{@link io.losskit.spi.LossDescriptor} — id, aliases, category, formula, the
 *       {@link io.losskit.spi.RoleSpec roles} a loss reads and its
 *       {@link io.losskit.spi.ParamSpec parameters}; a host's listings, descriptions
 *       and checks of the input and parameters are generated from it.</li>
 *   <li>The three shapes a loss can take: {@link io.losskit.spi.PerSampleLoss} (ℓ of one sample;
 *       the engine does weights and reductions), {@link io.losskit.spi.AggregateLoss} (its own
 *       mergeable {@link io.losskit.spi.Accumulator}) and {@link io.losskit.spi.BatchLoss} (a
 *       function of a batch of samples). Optional, for speed: {@link io.losskit.spi.ColumnLoss}
 *       and {@link io.losskit.spi.ColumnAccumulator} take a batch of rows as
 *       {@link io.losskit.spi.Columns}.</li>
 *   <li>{@link io.losskit.spi.Sample} — one record's values by role, already parsed and
 *       checked against the role's {@link io.losskit.spi.RoleKind kind};
 *       {@link io.losskit.spi.Parameters} — the loss's parameters, typed and validated.</li>
 * </ol>
 * A loss reports a bad value with {@link io.losskit.spi.InvalidSampleException}; the engine adds
 * the file, line and column.
 */
package io.losskit.spi;
