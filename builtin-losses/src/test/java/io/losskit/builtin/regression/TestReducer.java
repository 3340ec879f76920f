package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossResult;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.testkit.LossHarness;
import io.losskit.testkit.RecordingTally;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The regression losses by id or alias, for the test kit's harness (which reduces as losskit does). */
final class TestReducer {

    private TestReducer() {
    }

    /** The regression loss whose id or alias is {@code id}. */
    static LossDefinition definition(String id) {
        return RegressionLosses.all().stream()
                .filter(d -> d.descriptor().id().equals(id) || d.descriptor().aliases().contains(id))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no regression loss " + id));
    }

    /** The loss {@code id} with parameters given as {@code key=value} texts, for pred and target. */
    static Loss create(String id, String... keyValues) {
        Map<String, String> given = new HashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            given.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return create(id, given, Set.of("pred", "target"));
    }

    /** The loss {@code id} with parameters as texts and the roles the input provides. */
    static Loss create(String id, Map<String, String> params, Set<String> roles) {
        return LossHarness.create(definition(id), params, roles);
    }

    /** ℓ of one sample of a per-sample loss. */
    static double loss(Loss loss, Sample sample) {
        return ((PerSampleLoss) loss).loss(sample, new RecordingTally());
    }

    /** The roles present in any of {@code samples}. */
    static Set<String> roles(List<? extends Sample> samples, Set<String> candidates) {
        Set<String> roles = new HashSet<>();
        for (Sample s : samples) {
            for (String c : candidates) {
                if (s.has(c)) {
                    roles.add(c);
                }
            }
        }
        return roles;
    }

    /** Runs {@code id} over {@code samples} (weights from role {@code weight}) with the roles they have. */
    static LossResult reduce(String id, Map<String, String> params, Set<String> roles, List<? extends Sample> samples,
                             Reduction reduction) {
        return LossHarness.run(definition(id), params, roles(samples, roles), reduction, 0, samples).result();
    }
}
