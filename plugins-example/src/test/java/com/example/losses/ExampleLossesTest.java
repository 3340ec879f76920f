package com.example.losses;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.spi.LossProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ExampleLossesTest {

    @Test
    void theServiceFileNamesTheProvider() {
        // What losskit does with the jar: a typo in META-INF/services fails here.
        assertThat(ServiceLoader.load(LossProvider.class).stream().map(p -> p.type().getName()))
                .containsExactly(ExampleLosses.class.getName());
    }

    @Test
    void idsAreLowerCaseWithHyphens() {
        assertThat(new ExampleLosses().losses()).extracting(l -> l.descriptor().id())
                .containsExactly("asymmetric-cost", "ece")
                .allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }
}
