package uk.nhs.phm.jobs.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Wall time, rows and peak JVM heap per pipeline stage. Heap is sampled every 100 ms by a daemon thread; in
 * local mode the driver JVM is the whole of Spark, so this is the run's peak memory for that stage.
 */
public final class StageMetrics implements AutoCloseable, uk.nhs.phm.pipeline.run.StageLine.Listener {
    private static final Logger LOG = LogManager.getLogger(StageMetrics.class);

    /** One finished stage. */
    public static final class Stage {
        public final String name;
        public final long wallMillis;
        public final long rows;
        public final long peakHeapBytes;

        Stage(String name, long wallMillis, long rows, long peakHeapBytes) {
            this.name = name;
            this.wallMillis = wallMillis;
            this.rows = rows;
            this.peakHeapBytes = peakHeapBytes;
        }

        public double rowsPerSecond() {
            return wallMillis == 0 ? 0 : rows * 1000.0 / wallMillis;
        }
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final List<Stage> stages = Collections.synchronizedList(new ArrayList<>());
    private final Thread sampler;
    private volatile boolean running = true;
    private long stageStart;

    public StageMetrics() {
        sampler = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "phm-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        begin();
    }

    /** Starts timing the next stage. */
    public void begin() {
        stageStart = System.nanoTime();
        peak.set(memory.getHeapMemoryUsage().getUsed());
    }

    /** Ends the stage begun last, recording the rows it processed, and starts the next. */
    public void end(String name, long rows) {
        long ms = (System.nanoTime() - stageStart) / 1_000_000;
        long p = Math.max(peak.get(), memory.getHeapMemoryUsage().getUsed());
        stages.add(new Stage(name, ms, rows, p));
        LOG.debug("Stage '{}' done in {} s: {} rows, peak heap {} MB", name, String.format("%.1f", ms / 1000.0),
                rows, p / (1024 * 1024));
        begin();
    }

    @Override
    public void stageFinished(String stage, long rows) {
        end(stage, rows);
    }

    public List<Stage> stages() {
        return List.copyOf(stages);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
