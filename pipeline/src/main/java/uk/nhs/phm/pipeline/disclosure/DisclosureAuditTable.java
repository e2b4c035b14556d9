package uk.nhs.phm.pipeline.disclosure;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.output.OutputTables;

/** The rows of {@code ops/disclosure_audit}: counts of cells only, never a figure. */
public final class DisclosureAuditTable {
    public static final String MEASURE = "measure";
    public static final String CELLS = "cells";
    public static final String PRIMARY_SUPPRESSED = "primary_suppressed";
    public static final String SECONDARY_SUPPRESSED = "secondary_suppressed";
    public static final String DERIVED_SUPPRESSED = "derived_suppressed";
    public static final String DETERMINED_CELLS = "determined_cells";
    public static final String VERDICT = "verdict";

    private DisclosureAuditTable() {
    }

    public static Dataset<Row> of(SparkSession spark, String runId, List<DisclosureAudit.Line> lines) {
        List<Row> rows = new ArrayList<>();
        for (DisclosureAudit.Line l : lines) {
            rows.add(RowFactory.create(runId, l.table(), l.measure(), l.cells(), l.primary(), l.secondary(),
                    l.derived(), l.determined(), l.verdict()));
        }
        return spark.createDataFrame(rows, OutputTables.DISCLOSURE_AUDIT.schema());
    }
}
