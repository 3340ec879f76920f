package io.losskit.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.spi.LossDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link BuiltinLosses#find}, the names table, against the descriptors of {@link BuiltinLosses#losses()}. */
class BuiltinLossesTest {

    private final BuiltinLosses pack = new BuiltinLosses();

    @Test
    void everyIdAndAliasFindsItsLossAlone() {
        for (LossDefinition d : pack.losses()) {
            List<String> names = new ArrayList<>(d.descriptor().aliases());
            names.add(d.descriptor().id());
            for (String name : names) {
                LossDefinition found = pack.find(name);
                assertThat(found).as(name).isNotNull();
                assertThat(found.getClass()).as(name).isEqualTo(d.getClass());
                assertThat(found.descriptor().id()).as(name).isEqualTo(d.descriptor().id());
                assertThat(found.descriptor().aliases()).as(name).isEqualTo(d.descriptor().aliases());
                assertThat(found).as("made anew").isNotSameAs(pack.find(name));
            }
        }
    }

    @Test
    void noNameIsClaimedTwice() {
        Set<String> seen = new HashSet<>();
        for (LossDefinition d : pack.losses()) {
            assertThat(seen.add(d.descriptor().id())).as(d.descriptor().id()).isTrue();
            for (String alias : d.descriptor().aliases()) {
                assertThat(seen.add(alias)).as(alias).isTrue();
            }
        }
        assertThat(seen).hasSize(58 + 19);
    }

    @Test
    void otherNamesFindNothing() {
        for (String name : List.of("", "MSE", "mse ", "built-in:mse", "cross_entropy", "nope", "acme:mse")) {
            assertThat(pack.find(name)).as(name).isNull();
        }
    }
}
