package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Each person's features at T: one row per person in the population at T (methods.md), then each feature
 * family's columns. Point-in-time: every source is filtered to dates on or before T before it is used, so the
 * same code gives the features at any earlier date (a backfill, or T − 365 days for training a model).
 */
public final class PersonFeatures {
    private PersonFeatures() {
    }

    /**
     * The families in the order they run (conditions before utilisation: maternity reads both; conditions before
     * the Cambridge score, which reuses the QOF-register flags).
     */
    public static List<FeatureFamily> families(FeatureInputs in) {
        return List.of(Geography.FAMILY, new Conditions(in.codeLists), Utilisation.FAMILY, Frailty.FAMILY,
                CharlsonScore.FAMILY, new CambridgeMultimorbidityScore(in.scores.cmms), PendingScores.FAMILY);
    }

    /** The people at T with every family's columns and {@code as_of_date}. */
    public static Dataset<Row> build(FeatureInputs in) {
        return build(in, families(in));
    }

    public static Dataset<Row> build(FeatureInputs in, List<FeatureFamily> families) {
        InputData d = in.data;
        Dataset<Row> people = Population.atDate(d.get(InputTable.PATIENTS), d.get(InputTable.REGISTRATIONS),
                d.get(InputTable.DEATHS), in.settings);
        checkAdds(people, Set.of(), "population", Population.COLUMNS);
        for (FeatureFamily f : families) {
            Dataset<Row> next = f.addTo(people, in);
            checkAdds(next, Set.of(people.columns()), f.name(), f.columns());
            people = next;
        }
        return people.withColumn(OutputTable.AS_OF_DATE, lit(java.sql.Date.valueOf(in.settings.asOf)));
    }

    /**
     * An empty table with the features' columns, without reading data: rules are checked against it before a run.
     * (A plain empty table, not the features' own plan, so that checking each rule analyses a one-node plan.)
     */
    public static Dataset<Row> schemaOnly(FeatureInputs in) {
        Dataset<Row> plan = build(new FeatureInputs(in.data.emptied(), in.reference, in.codeLists, in.efiDeficits,
                in.scores, in.settings));
        return plan.sparkSession().createDataFrame(java.util.List.<Row>of(), plan.schema());
    }

    /**
     * A family must add exactly the columns it declares, with the declared types (analysis only, no data read):
     * otherwise its declaration, the rules and the outputs would disagree about what a column is.
     */
    static void checkAdds(Dataset<Row> after, Set<String> before, String family, List<FeatureColumn> declared) {
        Map<String, DataType> added = new HashMap<>();
        for (StructField f : after.schema().fields()) {
            if (!before.contains(f.name())) {
                added.put(f.name(), f.dataType());
            }
        }
        Map<String, DataType> expected = new HashMap<>();
        declared.forEach(c -> expected.put(c.name, c.type));
        if (!added.equals(expected)) {
            List<String> problems = new ArrayList<>();
            expected.forEach((n, t) -> {
                if (!added.containsKey(n)) {
                    problems.add(n + " declared but not added");
                } else if (!added.get(n).equals(t)) {
                    problems.add(n + " is " + added.get(n).simpleString() + ", declared " + t.simpleString());
                }
            });
            added.keySet().stream().filter(n -> !expected.containsKey(n)).forEach(n -> problems.add(n + " added but not declared"));
            throw new IllegalStateException("Feature family " + family + " does not match its declaration: " + problems);
        }
    }
}
