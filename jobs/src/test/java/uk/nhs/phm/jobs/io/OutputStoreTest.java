package uk.nhs.phm.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.output.OutputColumn;
import uk.nhs.phm.pipeline.output.OutputRegistry;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/**
 * The output store's publication and lock, on two small tables: a run is published whole by one pointer switch,
 * an earlier publication survives a failed one, the folder view always holds one whole run per partition, old
 * snapshots are pruned, and only one run can hold the lock.
 */
class OutputStoreTest {
    private static final LocalDate T = LocalDate.of(2026, 9, 30);
    private static final OutputTable A = new OutputTable(OutputTable.Tier.PUBLISHED, "a", "Test table A.",
            List.of(OutputColumn.of("run", DataTypes.StringType, "Which run wrote the row"),
                    OutputColumn.of("n", DataTypes.IntegerType, "A number")), true);
    private static final OutputTable B = new OutputTable(OutputTable.Tier.RESTRICTED, "b", "Test table B.",
            List.of(OutputColumn.of("run", DataTypes.StringType, "Which run wrote the row")), false);
    private static final OutputRegistry REGISTRY = OutputRegistry.of(List.of(A, B));

    @TempDir
    Path tmp;

    private static SparkSession spark() {
        return SparkTestSession.get();
    }

    private OutputStore store(Path out) {
        return store(out.toString());
    }

    private OutputStore store(String location) {
        return new OutputStore(location, new Configuration(), REGISTRY);
    }

    private static Dataset<Row> rows(OutputTable t, String run, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(t == A ? RowFactory.create(run, i) : RowFactory.create(run));
        }
        return spark().createDataFrame(rows, t.schema());
    }

    private static String manifest(String run, LocalDate asOf, OutputTable... written) {
        StringBuilder tables = new StringBuilder();
        for (OutputTable t : written) {
            tables.append(tables.length() == 0 ? "" : ",").append('"').append(t.path()).append("\":\"x\"");
        }
        return "{\"run_id\":\"" + run + "\",\"as_of_date\":\"" + asOf + "\",\"tables\":{" + tables + "}}";
    }

    /** A complete run: lock, write the tables, publish, unlock. */
    private void publish(Path out, String run, LocalDate asOf, int rowsInA, OutputTable... tables) {
        publish(out.toString(), run, asOf, rowsInA, tables);
    }

    private void publish(String out, String run, LocalDate asOf, int rowsInA, OutputTable... tables) {
        try (OutputStore s = store(out)) {
            s.lock(run, 10, 700);
            for (OutputTable t : tables) {
                s.write(spark(), t, rows(t, run, rowsInA), run, asOf);
            }
            s.publish(run, asOf, manifest(run, asOf, tables), 2);
            s.cleanWork(run, false);
        }
    }

    private static List<String> runsIn(Path partition) {
        return SparkTestSession.get().read().parquet(partition.toString()).select("run").distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    @Test
    void aPublishedRunIsReadWholeThroughThePointerAndTheFolderView() throws Exception {
        Path out = tmp.resolve("out");
        publish(out, "20260101T000000Z-aaaaaa", T, 3, A, B);
        publish(out, "20260102T000000Z-bbbbbb", T, 5, A);
        OutputStore s = store(out);
        assertEquals("20260102T000000Z-bbbbbb", s.latest().orElseThrow().runId);
        assertEquals(5, s.read(spark(), A, T).orElseThrow().count());
        // The second run did not write B: nothing of B is published for T, in the pointer or the view.
        assertTrue(s.read(spark(), B, T).isEmpty());
        assertFalse(Files.exists(out.resolve("restricted/b/as_of_date=2026-09-30")));
        Path view = out.resolve("published/a/as_of_date=2026-09-30");
        assertEquals(List.of("20260102T000000Z-bbbbbb"), runsIn(view));
        assertEquals("20260102T000000Z-bbbbbb", Files.readString(view.resolve(OutputStore.RUN_MARKER)).trim());
        // The earlier run's snapshot is still readable by run id (kept: 2 per as-of date).
        assertEquals(3, s.read(spark(), A, "20260101T000000Z-aaaaaa", T).orElseThrow().count());
        // Hive readers of the table folder see one partition and none of the store's hidden folders.
        assertEquals(5, spark().read().parquet(out.resolve("published/a").toString()).count());
    }

    @Test
    void aBackfillOfAnEarlierDateKeepsLatestAndOldSnapshotsArePruned() {
        Path out = tmp.resolve("out");
        publish(out, "20260101T000000Z-000001", T, 1, A);
        publish(out, "20260101T000000Z-000002", T.minusMonths(6), 2, A);
        OutputStore s = store(out);
        assertEquals(T, s.latest().orElseThrow().asOf, "a backfill does not move latest back in time");
        assertEquals(2, s.read(spark(), A, T.minusMonths(6)).orElseThrow().count());
        publish(out, "20260101T000000Z-000003", T, 3, A);
        publish(out, "20260101T000000Z-000004", T, 4, A);
        assertTrue(s.read(spark(), A, "20260101T000000Z-000001", T).isEmpty(), "beyond 2 kept per date: pruned");
        assertEquals(3, s.read(spark(), A, "20260101T000000Z-000003", T).orElseThrow().count());
        assertEquals(2, s.read(spark(), A, T.minusMonths(6)).orElseThrow().count(), "other dates untouched");
    }

    @Test
    void aRunThatFailsBeforeItsSwitchLeavesThePreviousPublicationAndNoTrace() throws Exception {
        Path out = tmp.resolve("out");
        publish(out, "20260101T000000Z-aaaaaa", T, 3, A);
        try (OutputStore s = store(out)) {
            s.lock("20260102T000000Z-failed", 10, 700);
            s.write(spark(), A, rows(A, "failed", 9), "20260102T000000Z-failed", T);
            s.discard("20260102T000000Z-failed", false);
        }
        OutputStore s = store(out);
        assertEquals(3, s.read(spark(), A, T).orElseThrow().count());
        assertEquals(List.of("20260101T000000Z-aaaaaa"), runsIn(out.resolve("published/a/as_of_date=2026-09-30")));
        assertFalse(Files.exists(out.resolve("published/_snapshots/20260102T000000Z-failed")));
        assertFalse(Files.exists(out.resolve(RunLock.FILE)));
    }

    @Test
    void aViewThatCannotBeReplacedKeepsItsPreviousRunWholeAndIsRepairedLater() throws Exception {
        Path out = tmp.resolve("out");
        publish(out, "20260101T000000Z-aaaaaa", T, 3, A, B);
        Path viewA = out.resolve("published/a/as_of_date=2026-09-30");
        // The new partition of A cannot be moved in once the old one is aside: the old one goes back, whole.
        System.setProperty(CrashPoints.FAIL_PROPERTY, "view-aside:published/a");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> publish(out, "20260102T000000Z-bbbbbb", T, 5, A, B));
            assertTrue(e.getMessage().contains("is published"), e.getMessage());
        } finally {
            System.clearProperty(CrashPoints.FAIL_PROPERTY);
        }
        // The pointer names the new run; the folder of A still holds the previous run, whole, never less.
        assertEquals(5, store(out).read(spark(), A, T).orElseThrow().count());
        assertEquals(List.of("20260101T000000Z-aaaaaa"), runsIn(viewA));
        assertEquals(3, spark().read().parquet(viewA.toString()).count());
        // The next run on the output (here: taking the lock) repairs the folders from the pointer.
        try (OutputStore s = store(out)) {
            s.lock("20260103T000000Z-cccccc", 10, 700);
        }
        assertEquals(List.of("20260102T000000Z-bbbbbb"), runsIn(viewA));
        assertEquals(List.of("20260102T000000Z-bbbbbb"), runsIn(out.resolve("restricted/b/as_of_date=2026-09-30")));
        assertFalse(Files.exists(out.resolve("published/_trash")), "nothing left aside");
    }

    @Test
    void aRunThatDiedAfterItsManifestButBeforeItsSwitchIsRemovedByTheNextRun() throws Exception {
        Path out = tmp.resolve("out");
        publish(out, "20260101T000000Z-aaaaaa", T, 3, A);
        // What a crash at "manifest-written" leaves: a whole snapshot, a manifest marked complete, no pointer.
        try (OutputStore s = store(out)) {
            s.lock("20260102T000000Z-dead00", 10, 700);
            s.write(spark(), A, rows(A, "dead", 7), "20260102T000000Z-dead00", T);
        }
        Files.createDirectories(out.resolve("ops/runs/20260102T000000Z-dead00"));
        Files.writeString(out.resolve("ops/runs/20260102T000000Z-dead00/manifest.json"),
                manifest("20260102T000000Z-dead00", T, A).replace("{\"run_id\"", "{\"status\":\"complete\",\"run_id\""));
        Files.writeString(out.resolve("ops/runs/as_of/.2026-09-30.json.x.tmp"), "{");
        try (OutputStore s = store(out)) {
            s.lock("20260103T000000Z-cccccc", 10, 700);
        }
        assertFalse(Files.exists(out.resolve("published/_snapshots/20260102T000000Z-dead00")), "unpublished snapshot removed");
        assertFalse(Files.exists(out.resolve("ops/runs/20260102T000000Z-dead00")), "and its manifest");
        assertFalse(Files.exists(out.resolve("ops/runs/as_of/.2026-09-30.json.x.tmp")), "temporary files removed");
        assertEquals(3, store(out).read(spark(), A, T).orElseThrow().count(), "the publication is untouched");
    }

    @Test
    void anOutputOfTheEarlierVersionIsTakenOverAsItIsAndLatestNeverMovesBack() throws Exception {
        Path out = tmp.resolve("out");
        // The earlier layout: a folder view, a manifest without "tables", latest.json naming it.
        Path view = out.resolve("published/a/as_of_date=2026-09-30");
        rows(A, "old", 6).write().parquet(view.toString());
        Files.createDirectories(out.resolve("ops/runs/20250101T000000Z-old000"));
        Files.writeString(out.resolve("ops/runs/20250101T000000Z-old000/manifest.json"),
                "{\"run_id\":\"20250101T000000Z-old000\",\"status\":\"published\",\"as_of_date\":\"2026-09-30\"}");
        Files.writeString(out.resolve("ops/runs/latest.json"), "{\"run_id\":\"20250101T000000Z-old000\","
                + "\"as_of_date\":\"2026-09-30\",\"manifest\":\"ops/runs/20250101T000000Z-old000/manifest.json\"}");
        // A backfill of an earlier date with this version, then another run: latest stays on the later date.
        publish(out, "20260101T000000Z-bbbbbb", T.minusMonths(6), 2, A);
        try (OutputStore s = store(out)) {
            s.lock("20260102T000000Z-cccccc", 10, 700);
        }
        OutputStore s = store(out);
        assertEquals("20250101T000000Z-old000", s.latest().orElseThrow().runId);
        assertEquals(6, s.read(spark(), A, T).orElseThrow().count(), "the earlier version's run reads from its folder");
        assertEquals(2, s.read(spark(), A, T.minusMonths(6)).orElseThrow().count());
        assertEquals(List.of("old"), runsIn(view), "its folder is left as it was");
        // A new run for that date replaces it in the usual way.
        publish(out, "20260103T000000Z-dddddd", T, 4, A);
        assertEquals(4, store(out).read(spark(), A, T).orElseThrow().count());
        assertEquals(List.of("20260103T000000Z-dddddd"), runsIn(view));
    }

    @Test
    void anUnreadablePointerStopsTheRunInsteadOfBeingTakenAsNone() throws Exception {
        Path out = tmp.resolve("out");
        publish(out, "20260101T000000Z-aaaaaa", T, 3, A);
        Files.writeString(out.resolve("ops/runs/latest.json"), "{\"run_id\": ");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store(out).latest());
        assertTrue(e.getMessage().contains("latest.json is damaged"), e.getMessage());
    }

    @Test
    void twoRunsStartedTogetherCannotBothHoldTheLock() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<OutputStore>> tries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String run = "run" + i;
            tries.add(pool.submit(() -> {
                go.await();
                OutputStore s = store(out);
                try {
                    s.lock(run, 10, 700);
                    return s;
                } catch (PhmUserException e) {
                    return null;
                }
            }));
        }
        go.countDown();
        List<OutputStore> holders = new ArrayList<>();
        for (Future<OutputStore> f : tries) {
            OutputStore s = f.get();
            if (s != null) {
                holders.add(s);
            }
        }
        pool.shutdown();
        int held = holders.size();
        holders.forEach(OutputStore::close);
        assertEquals(1, held, "exactly one run holds the lock");
    }

    @Test
    void aLockWhoseProcessIsGoneIsTakenOverAndALiveOneIsNot() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(out.resolve(RunLock.FILE), "{\"run_id\":\"old\",\"owner\":\"x\",\"host\":\"" + RunLock.host()
                + "\",\"boot_id\":\"" + RunLock.bootId() + "\",\"pid\":" + dead.pid()
                + ",\"started_at\":\"2026-01-01T00:00:00Z\"}");
        try (OutputStore s = store(out)) {
            s.lock("new", 10, 700);
            assertTrue(Files.readString(out.resolve(RunLock.FILE)).contains("\"new\""));
            // While it is held by this live process, another run is refused with who holds it.
            PhmUserException e = assertThrows(PhmUserException.class, () -> store(out).lock("other", 10, 700));
            assertTrue(e.getMessage().contains("run new, process " + ProcessHandle.current().pid()), e.getMessage());
        }
        assertFalse(Files.exists(out.resolve(RunLock.FILE)), "released");
        // A lock in the earlier version's format is never taken over: a person decides.
        Files.writeString(out.resolve(RunLock.FILE), "run_id=20250101T000000Z-old000\n");
        PhmUserException e = assertThrows(PhmUserException.class, () -> store(out).lock("next", 10, 700));
        assertTrue(e.getMessage().contains("earlier version of phm"), e.getMessage());
    }

    @Test
    void theStoreWorksOnFileUris() throws Exception {
        Path out = tmp.resolve("uri-out");
        String uri = out.toUri().toString();
        assertTrue(uri.startsWith("file:///"), uri);
        publish(uri, "20260101T000000Z-aaaaaa", T, 2, A);
        publish(uri, "20260102T000000Z-bbbbbb", T, 4, A);
        OutputStore s = store(uri);
        assertEquals(4, s.read(spark(), A, T).orElseThrow().count());
        assertEquals(Map.of(T, "20260102T000000Z-bbbbbb"), Map.of(T, s.publications().get(T).runId));
        assertEquals(List.of("20260102T000000Z-bbbbbb"), runsIn(out.resolve("published/a/as_of_date=2026-09-30")));
    }
}
