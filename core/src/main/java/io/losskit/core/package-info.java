/**
 * The evaluation kernel: one path that evaluates any loss of the SPI.
 *
 * <ol>
 *   <li>{@link io.losskit.core.Losses} — find a loss by name among the providers on the class
 *       path; its parameters from text.</li>
 *   <li>{@link io.losskit.core.Evaluator} — a loss with a reduction and a batch size; it makes
 *       states.</li>
 *   <li>{@link io.losskit.core.LossState} — {@code add(sample, weight)}, {@code merge(later)},
 *       {@code finish()}, {@code encode()}: the same for per-sample, aggregate and batch losses;
 *       {@link io.losskit.core.LossStates} feeds several at once.</li>
 *   <li>{@link io.losskit.core.Samples} — samples from plain Java values.</li>
 * </ol>
 */
package io.losskit.core;
