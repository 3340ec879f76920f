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
 *
 * <p><b>Split, merged, the same result.</b> States of consecutive parts of an input, merged in
 * input order under any grouping ({@code (a+b)+c} or {@code a+(b+c)}, some through their bytes),
 * give the one-pass result: for a batch loss when the parts are cut at multiples of the batch
 * size. Bit-identical always: the count, the details and the per-sample values of
 * {@code none}; and the reduced value when every partial sum is exact (integer per-sample values
 * with integer weights: edit counts, zero-one, top-k error). Otherwise the reduced value (a mean, a
 * sum, a ratio or root of sums) is equal within rounding: the sums are compensated, so the two
 * differ by a few units in the last place of the result (MergeProperties in the built-in pack's
 * tests checks every built-in loss against 8 ulp), and so do parts merged in another order. An
 * infinite value stays infinite through any merge.
 */
package io.losskit.core;
