package uk.nhs.phm.pipeline.run;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.disclosure.TableProtection;
import uk.nhs.phm.pipeline.indicators.Indicator;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.quality.DataQualityGates;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.ValidatedTable;

/** The keys the standard stages exchange. */
public final class Keys {
    private static final Map<InputTable, Key<ValidatedTable>> VALIDATED = new EnumMap<>(InputTable.class);

    static {
        for (InputTable t : InputTable.values()) {
            VALIDATED.put(t, Key.of("validated " + t.tableName, ValidatedTable.class));
        }
    }

    /** T and how it was chosen. */
    public static final Key<AsOfDate> AS_OF = Key.of("as-of date", AsOfDate.class);
    /** One row per person at T with every feature family's columns. */
    public static final Key<Dataset<Row>> FEATURES = Key.of("person features", Dataset.class);

    /** The publications of the output this run writes to; given at the start, never produced by a stage. */
    public static final Key<PreviousPublication.Published> PUBLISHED =
            Key.of("published runs", PreviousPublication.Published.class);
    /** The quarantine gate's verdict per supplied table. */
    public static final Key<List<DataQualityGates.Verdict>> QUARANTINE_GATES = Key.of("quarantine gates", List.class);
    /** The verdicts of the gates against the previous publication: population, then rows read per table. */
    public static final Key<List<DataQualityGates.Verdict>> PREVIOUS_RUN_GATES = Key.of("previous-run gates", List.class);

    /** How disclosure control withheld each published table's figures (primary, derived, secondary), per measure. */
    public static final Key<List<TableProtection.MeasureStats>> DISCLOSURE_STATS = Key.of("disclosure stats", List.class);
    /** The same for {@code published/indicators}. */
    public static final Key<List<TableProtection.MeasureStats>> INDICATOR_DISCLOSURE_STATS =
            Key.of("indicator disclosure stats", List.class);
    /**
     * The distinct combinations of area codes (one column per geography level) of every population the published
     * aggregates count: how areas of different levels add up, for the disclosure audit.
     */
    public static final Key<Dataset<Row>> GEOGRAPHY_MEMBERSHIP = Key.of("geography membership", Dataset.class);
    /** The indicators published this run (which counts each one reads), for the disclosure audit. */
    public static final Key<List<Indicator>> INDICATOR_CATALOGUE = Key.of("indicator catalogue", List.class);
    /** The disclosure audit's verdict per published table and measure, as a gate (a failed one stops the run). */
    public static final Key<List<DataQualityGates.Verdict>> DISCLOSURE_GATES = Key.of("disclosure audit gates", List.class);

    private Keys() {
    }

    public static Key<ValidatedTable> validated(InputTable t) {
        return VALIDATED.get(t);
    }

    /** Every input table, validated. */
    public static Set<Key<?>> allValidated() {
        return new HashSet<>(VALIDATED.values());
    }

    /** Names of output-table keys start with this. */
    public static final String OUTPUT_PREFIX = "output ";

    /** An output table as stored (read back from the run's snapshot); optional: a stage may not write it. */
    public static Key<Dataset<Row>> output(OutputTable t) {
        return Key.of(OUTPUT_PREFIX + t.path(), Dataset.class);
    }

    @SafeVarargs
    public static Set<Key<?>> set(Set<Key<?>>... sets) {
        Set<Key<?>> all = new HashSet<>();
        for (Set<Key<?>> s : sets) {
            all.addAll(s);
        }
        return all;
    }
}
