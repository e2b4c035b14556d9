package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.upper;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.reference.CharlsonIndex;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * {@code charlson}: the Charlson comorbidity index from the inpatient ICD-10 diagnoses of the five years to T,
 * (T − 5 years, T] (methods.md "Scores"). Diagnoses are dated at discharge (an open spell counts for no T), as
 * for the condition flags. Codes are normalised (dots and spaces removed, upper case) and matched by prefix
 * against the Quan 2005 map; each person's distinct categories are scored by {@link CharlsonIndex#score}, the
 * same function the published cases are checked against, with the hierarchy and the weighting a site chose.
 */
public final class CharlsonScore implements FeatureFamily {
    public static final String CHARLSON = "charlson";
    /** The look-back of methods.md: "Charlson … from inpatient diagnoses over 5 years". */
    public static final int LOOKBACK_YEARS = 5;
    private static final String CATEGORY = "_category";
    private static final String NORM = "_norm";
    private static final String PREFIX = "_prefix";
    private static final StructType MAP_SCHEMA = new StructType()
            .add(CATEGORY, DataTypes.StringType).add(PREFIX, DataTypes.StringType);

    public static final CharlsonScore FAMILY = new CharlsonScore();

    private static final List<FeatureColumn> COLUMNS =
            List.of(new FeatureColumn(CHARLSON, DataTypes.IntegerType, lit(0)));

    private CharlsonScore() {
    }

    @Override
    public String name() {
        return "Charlson comorbidity index";
    }

    @Override
    public List<FeatureColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Dataset<Row> addTo(Dataset<Row> people, FeatureInputs in) {
        Dataset<Row> scores = scores(in.data.get(InputTable.INPATIENT_SPELLS), in.scores.charlson, in.settings.asOf);
        return FeatureColumn.fillDefaults(Columns.leftJoin(people, scores, InputColumns.PERSON_ID), COLUMNS);
    }

    /** (person_id, charlson) for every person with a Charlson diagnosis in (T − 5 years, T]. */
    public static Dataset<Row> scores(Dataset<Row> inpatientSpells, CharlsonIndex index, LocalDate asOf) {
        Dataset<Row> diagnoses = Conditions.inpatientDiagnoses(inpatientSpells)
                .filter(col(Conditions.RECORD_DATE).gt(lit(Date.valueOf(asOf.minusYears(LOOKBACK_YEARS))))
                        .and(col(Conditions.RECORD_DATE).leq(lit(Date.valueOf(asOf)))))
                .select(col(InputColumns.PERSON_ID),
                        upper(regexp_replace(trim(col(InputColumns.CODE)), "[.\\s]", "")).alias(NORM))
                .distinct();
        // Every prefix of each code is a candidate key, so the prefix match is an equi-join on a small map.
        Dataset<Row> keys = diagnoses.withColumn(PREFIX,
                explode(expr("transform(sequence(1, greatest(length(" + NORM + "), 1)), i -> substring(" + NORM + ", 1, i))")));
        Dataset<Row> map = keys.sparkSession().createDataFrame(index.prefixes.stream()
                .map(p -> RowFactory.create(p.category, p.icd10Prefix)).toList(), MAP_SCHEMA);
        UserDefinedFunction score = udf((UDF1<scala.collection.Seq<String>, Integer>) categories ->
                index.score(scala.jdk.javaapi.CollectionConverters.asJava(categories)), DataTypes.IntegerType);
        return keys.join(broadcast(map), PREFIX)
                .groupBy(InputColumns.PERSON_ID).agg(collect_set(col(CATEGORY)).alias(CATEGORY))
                .select(col(InputColumns.PERSON_ID), score.apply(col(CATEGORY)).alias(CHARLSON));
    }
}
