package io.losskit.builtin.metric;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Reduction;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricLossesTest {

    @Test
    void everyMetricLossInTheOrderAndWithTheAliasesOfLossesMd() {
        List<LossDescriptor> ds = MetricLosses.all().stream().map(LossDefinition::descriptor).toList();
        assertThat(ds).extracting(LossDescriptor::id).containsExactly("contrastive", "cosine-embedding",
                "hinge-embedding", "margin-ranking", "triplet", "lossless-triplet", "lifted-structure", "n-pair",
                "info-nce", "circle", "center");
        assertThat(ds).allMatch(d -> d.category().equals("metric"));
        assertThat(ds).filteredOn(d -> !d.aliases().isEmpty()).extracting(LossDescriptor::id)
                .containsExactly("info-nce");
        assertThat(ds.get(8).aliases()).containsExactly("nt-xent");
    }

    @Test
    void detailsAndReductionsAsTheBriefSays() {
        for (LossDefinition def : MetricLosses.all()) {
            LossDescriptor d = def.descriptor();
            boolean hardness = List.of("triplet", "contrastive", "circle").contains(d.id());
            assertThat(d.details()).as(d.id())
                    .isEqualTo(hardness ? List.of("easy", "semi-hard", "hard") : List.of());
            boolean batchOnly = List.of("lifted-structure", "n-pair", "info-nce", "circle").contains(d.id());
            assertThat(d.reductions().contains(Reduction.NONE)).as(d.id()).isEqualTo(!batchOnly);
            assertThat(d.formula()).as(d.id()).isNotBlank();
            assertThat(d.reference()).as(d.id()).isNotBlank();
        }
    }
}
