package io.losskit.cli.output;

import java.util.Map;

/**
 * One gate's judgement of one value: the whole input's, or a slice's.
 *
 * @param gate {@code max}, {@code min} or {@code baseline}
 * @param loss the loss as selected
 * @param slice the slice judged, by {@code --by} column; null for the whole input
 * @param value the value judged
 * @param bound the bound it was held to (for a baseline: the baseline's value plus the tolerance)
 * @param boundText the bound as the user gave it
 * @param passed whether it held
 * @param message the line for standard error, without the {@code gate passed:} or {@code gate failed:}
 */
public record Verdict(String gate, String loss, Map<String, Object> slice, double value, double bound, String boundText, boolean passed,
                      String message) {
}
