package uk.nhs.phm.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.output.OutputColumn;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/** The line orders stages and nothing else: wiring errors surface before any stage runs. */
class StageLineTest {
    private static final Key<String> A = Key.of("a", String.class);
    private static final Key<String> B = Key.of("b", String.class);
    private static final OutputTable TABLE = new OutputTable(OutputTable.Tier.OPS, "t", "A test table.",
            List.of(OutputColumn.of("n", DataTypes.LongType, "n")), true);

    /** A stage for tests: needs, produces, and records what ran. */
    private static Stage stage(String name, Set<Key<?>> needs, Set<Key<?>> produces, List<String> log,
                               java.util.function.Function<RunContext, StageResult> body) {
        return new Stage() {
            public String name() {
                return name;
            }

            public Set<Key<?>> needs() {
                return needs;
            }

            public Set<Key<?>> produces() {
                return produces;
            }

            public void check(RunContext ctx) {
                log.add("check " + name);
            }

            public StageResult run(RunContext ctx) {
                log.add("run " + name);
                return body.apply(ctx);
            }
        };
    }

    private static RunContext context() {
        return new RunContext(SparkTestSession.get(), Settings.defaults(), "r1", LocalDate.of(2026, 1, 1), null, null, null);
    }

    @Test
    void stagesAreCheckedThenRunInOrderAndOutputsGoToTheStore() {
        List<String> log = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        StageLine line = new StageLine(List.of(
                stage("first", Set.of(), Set.of(A), log, c -> StageResult.of().put(A, "x")),
                stage("second", Set.of(A), Set.of(B, Keys.output(TABLE)), log, c -> StageResult.of().put(B, c.get(A) + "y")
                        .output(TABLE, SparkTestSession.get().range(3).toDF("n")))));
        RunContext ctx = context();
        line.run(ctx, (t, rows, c) -> {
            log.add("store " + t.path() + " " + rows.count());
            return rows.limit(1);
        }, (name, rows) -> metrics.add(name));
        assertEquals(List.of("check first", "check second", "run first", "run second", "store ops/t 3"), log);
        assertEquals("xy", ctx.get(B));
        assertEquals(1, ctx.get(Keys.output(TABLE)).count(), "later stages read the stored rows");
        assertEquals(List.of(StageLine.CHECKS, "first", "second"), metrics);
    }

    @Test
    void aStageWhoseNeedsNoEarlierStageProducesIsAWiringBugFoundBeforeAnythingRuns() {
        List<String> log = new ArrayList<>();
        StageLine line = new StageLine(List.of(
                stage("second", Set.of(A), Set.of(B), log, c -> StageResult.of().put(B, "y")),
                stage("first", Set.of(), Set.of(A), log, c -> StageResult.of().put(A, "x"))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> line.run(context(), (t, r, c) -> r, (n, r) -> { }));
        assertEquals("Stage 'second' needs 'a', which no earlier stage produces", e.getMessage());
        assertTrue(log.isEmpty(), "nothing checked or run");
    }

    @Test
    void twoStagesProducingOneKeyOrAnOutputGivenAsAValueAreWiringBugs() {
        List<String> log = new ArrayList<>();
        StageLine twice = new StageLine(List.of(
                stage("one", Set.of(), Set.of(A), log, c -> StageResult.of().put(A, "x")),
                stage("two", Set.of(), Set.of(A), log, c -> StageResult.of().put(A, "y"))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> twice.run(context(), (t, r, c) -> r, (n, r) -> { }));
        assertEquals("Stage 'two' produces 'a', which an earlier stage already produces", e.getMessage());
        StageLine sneaky = new StageLine(List.of(stage("s", Set.of(), Set.of(Keys.output(TABLE)), log,
                c -> StageResult.of().put(Keys.output(TABLE), SparkTestSession.get().range(1).toDF("n")))));
        assertThrows(IllegalStateException.class, () -> sneaky.run(context(), (t, r, c) -> r, (n, r) -> { }),
                "an output table must go to the store, not be slipped in as a value");
    }

    @Test
    void aStageMustProduceWhatItDeclaresAndNothingElse() {
        List<String> log = new ArrayList<>();
        StageLine undeclared = new StageLine(List.of(stage("s", Set.of(), Set.of(A), log,
                c -> StageResult.of().put(A, "x").put(B, "y"))));
        assertThrows(IllegalStateException.class, () -> undeclared.run(context(), (t, r, c) -> r, (n, r) -> { }));
        StageLine missing = new StageLine(List.of(stage("s", Set.of(), Set.of(A, B), log,
                c -> StageResult.of().put(A, "x"))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> missing.run(context(), (t, r, c) -> r, (n, r) -> { }));
        assertEquals("Stage 's' did not produce 'b'", e.getMessage());
    }
}
