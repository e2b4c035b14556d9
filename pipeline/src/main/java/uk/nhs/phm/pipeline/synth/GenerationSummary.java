package uk.nhs.phm.pipeline.synth;

import java.util.EnumMap;
import java.util.Map;
import uk.nhs.phm.pipeline.schema.InputTable;

/** Counts of what was generated: aggregate only, never person-level values. */
public final class GenerationSummary {
    public final int people;
    public final Map<InputTable, Long> rows;
    public final Map<InputTable, Long> badRows;

    GenerationSummary(int people, Map<InputTable, Long> rows, Map<InputTable, Long> badRows) {
        this.people = people;
        this.rows = new EnumMap<>(rows);
        this.badRows = new EnumMap<>(badRows);
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBadRows() {
        return badRows.values().stream().mapToLong(Long::longValue).sum();
    }
}
