package io.losskit.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.cli.LossRegistry;
import io.losskit.cli.ScorePlanner;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Inputs;
import io.losskit.cli.input.RecordSource;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The columnar path over Parquet (batches that end at pages and row groups) gives what the record
 * path gives, bit for bit, with the same skips and messages. columnar.parquet (generate.py): 12,000
 * rows, nulls in rows 8 (pred), 5,000 (weight: reads as 1) and 9,002 (target), 12,000 (pred), a NaN
 * target in row 513, infinite preds of weight 0 in rows 514 and 5,001.
 */
class ParquetColumnarTest {

    private static final LossRegistry REGISTRY = LossRegistry.builtin();
    private static final List<String> LOSSES = List.of("mse", "mae", "huber", "rmse");

    private static ScoreEngine.Report run(ScoreEngine engine, boolean skip, boolean records, int threads) throws IOException {
        return run("columnar.parquet", engine, skip, records, threads);
    }

    private static ScoreEngine.Report run(String file, ScoreEngine engine, boolean skip, boolean records, int threads) throws IOException {
        ScorePlan plan = ScorePlanner.plan(REGISTRY, LOSSES, List.of(), Reduction.MEAN, x -> Map.of());
        ScoreEngine.Options options = new ScoreEngine.Options(0, List.of(), Map.of(), skip).threads(threads);
        try (RecordSource source = Inputs.open("src/test/resources/parquet/" + file, null, InputStream.nullInputStream())) {
            // --worst keeps the record path and changes no value
            return engine.run(plan, source, records ? options.worst(1, List.of(), false) : options);
        }
    }

    @Test
    void columnsGiveTheRecordPathsValuesBitForBit() throws IOException {
        for (int threads : new int[] {1, 2, 3}) {
            ScoreEngine columns = new ScoreEngine();
            ScoreEngine.Report c = run(columns, true, false, threads);
            ScoreEngine records = new ScoreEngine();
            ScoreEngine.Report r = run(records, true, true, threads);
            assertThat(columns.columnar()).isTrue();
            assertThat(records.columnar()).isFalse();
            assertThat(c.records()).isEqualTo(r.records()).isEqualTo(12000);
            assertThat(c.skipped()).isEqualTo(r.skipped()).isEqualTo(4);
            assertThat(c.firstSkipped()).isEqualTo(r.firstSkipped()).contains("record 8").contains("pred");
            for (int i = 0; i < LOSSES.size(); i++) {
                assertThat(Double.doubleToRawLongBits(c.results().get(i).value())).as(LOSSES.get(i))
                        .isEqualTo(Double.doubleToRawLongBits(r.results().get(i).value()));
            }
            // Python's math.fsum over the 11,996 valid rows (a null weight reads as 1)
            assertThat(c.results().get(0).value()).isCloseTo(7.836052969960327, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(c.results().get(1).value()).isCloseTo(2.2815570155264724, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void theFirstBadRowFailsTheRunAsOnTheRecordPath() {
        String message = null;
        for (boolean records : new boolean[] {false, true}) {
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> run(new ScoreEngine(), false, records, 1));
            assertThat(e).isInstanceOf(InputError.class);
            assertThat(e.getMessage()).contains("record 8").contains("pred");
            if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
            }
            message = e.getMessage();
        }
        assertThatThrownBy(() -> run(new ScoreEngine(), false, false, 3)).hasMessage(message);
    }

    /**
     * Row groups read in parallel (pages-v1/v2.parquet: 3 row groups, pages of about 500 values,
     * dictionary and plain pages, nulls) give the one sequential pass's values bit for bit, by
     * columns and by records, with its skips.
     */
    @Test
    void rowGroupsReadInParallelGiveTheSequentialPassBitForBit() throws IOException {
        for (String file : List.of("pages-v1.parquet", "pages-v2.parquet")) {
            ScoreEngine.Report one = run(file, new ScoreEngine(), true, true, 1);
            assertThat(one.records()).isEqualTo(15000);
            assertThat(one.skipped()).isEqualTo(180);
            for (int threads : new int[] {1, 2, 3, 4}) {
                for (boolean records : new boolean[] {false, true}) {
                    ScoreEngine engine = new ScoreEngine();
                    ScoreEngine.Report r = run(file, engine, true, records, threads);
                    assertThat(engine.columnar()).isEqualTo(!records);
                    assertThat(r.records()).isEqualTo(15000);
                    assertThat(r.skipped()).isEqualTo(180);
                    assertThat(r.firstSkipped()).isEqualTo(one.firstSkipped());
                    for (int i = 0; i < LOSSES.size(); i++) {
                        assertThat(Double.doubleToRawLongBits(r.results().get(i).value())).as(file + " " + LOSSES.get(i) + " on " + threads)
                                .isEqualTo(Double.doubleToRawLongBits(one.results().get(i).value()));
                    }
                }
            }
            // Python's math.fsum over the 14,820 rows without a null (generate.py)
            assertThat(one.results().get(0).value()).isCloseTo(251.97191066247984, org.assertj.core.data.Offset.offset(1e-10));
        }
    }
}
