package uk.nhs.phm.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageLine;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * The lines of stages the commands run. {@code validate} and {@code run} share the input-loading and validation
 * stages; later commands (model training, scoring, transitions, backfill) start from the same ones.
 */
public final class StandardLines {
    private StandardLines() {
    }

    /**
     * Read and validate every input table (patients first), check the quarantine gates (stopping the line on a
     * breach when {@code enforceGates}), then choose T.
     */
    public static List<Stage> validation(boolean enforceGates) {
        List<Stage> s = new ArrayList<>();
        for (InputTable t : InputTable.values()) {
            s.add(new ValidateTable(t));
        }
        s.add(new CheckQuarantineGates(enforceGates));
        s.add(new ResolveAsOfDate());
        return s;
    }

    /**
     * The nightly run: validation and its gates, then features, segments and the gates against the previous
     * publication, then the segment summary, the indicators, the disclosure audit of both (a recoverable withheld
     * figure stops the run) and the data-quality outputs. Outputs are published only after the whole line has run.
     */
    public static StageLine nightly() {
        List<Stage> s = validation(true);
        s.add(new ComputeFeatures());
        s.add(new SegmentPatients());
        s.add(new CheckAgainstPreviousRun());
        s.add(new SummariseSegments());
        s.add(new ComputeIndicators());
        s.add(new AuditDisclosure());
        s.add(new WriteDataQuality());
        return new StageLine(s);
    }

    public static StageLine validateOnly() {
        return new StageLine(validation(false));
    }
}
