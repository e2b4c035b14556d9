package uk.nhs.phm.pipeline.synth;

import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Receives generated rows one at a time, so the generator never holds more than one person in memory.
 * Values are in the order of {@link InputTable#columnNames()}; null means an empty field.
 */
@FunctionalInterface
public interface TableSink {
    void row(InputTable table, String[] values);
}
