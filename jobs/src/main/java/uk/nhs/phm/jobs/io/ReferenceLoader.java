package uk.nhs.phm.jobs.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.SimpleCsv;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.reference.ReferenceData;
import uk.nhs.phm.pipeline.segment.CohortRule;
import uk.nhs.phm.pipeline.segment.SegmentRule;

/**
 * Loads reference data, code lists and rules from conf/ with explicit schemas. A missing file or column is
 * a configuration error naming the file and the column.
 */
public final class ReferenceLoader {
    private ReferenceLoader() {
    }

    public static ReferenceData referenceData(SparkSession spark, Path dir) {
        return new ReferenceData(
                csv(spark, dir.resolve("practices.csv"), ReferenceData.PRACTICES),
                csv(spark, dir.resolve("lsoa21.csv"), ReferenceData.LSOA21),
                csv(spark, dir.resolve("lsoa11_to_lsoa21.csv"), ReferenceData.LSOA11_TO_21),
                csv(spark, dir.resolve("imd2019_lsoa11.csv"), ReferenceData.IMD2019),
                csv(spark, dir.resolve("imd2025_lsoa21.csv"), ReferenceData.IMD2025));
    }

    public static ConditionCodeLists conditionCodeLists(SparkSession spark, Path conditionsFile, Path codesFile) {
        List<ConditionCodeLists.Condition> conditions = rows(conditionsFile,
                List.of("condition", "label", "is_ltc", "resolved_by"),
                r -> new ConditionCodeLists.Condition(r.get("condition"), r.get("label"),
                        bool(conditionsFile, "is_ltc", r.get("is_ltc")), r.get("resolved_by")));
        List<String> names = conditions.stream().map(c -> c.name).toList();
        for (ConditionCodeLists.Condition c : conditions) {
            if (!c.name.matches("[a-z][a-z0-9_]*")) {
                throw new PhmUserException(conditionsFile + ": condition '" + c.name + "' must be lower case "
                        + "letters, digits and underscores (it becomes a column name).");
            }
            if (c.resolvedBy != null && !names.contains(c.resolvedBy)) {
                throw new PhmUserException(conditionsFile + ": column resolved_by of '" + c.name + "' names '"
                        + c.resolvedBy + "', which is not a condition in the file; add it or clear the cell.");
            }
        }
        Dataset<Row> codes = csv(spark, codesFile, ConditionCodeLists.CODES);
        return new ConditionCodeLists(conditions, codes);
    }

    public static List<SegmentRule> segmentRules(Path file) {
        return rows(file, List.of("priority", "segment", "rule_id", "condition", "sub_segment"), r -> {
            int priority;
            try {
                priority = Integer.parseInt(r.get("priority").trim());
            } catch (NumberFormatException e) {
                throw new PhmUserException(file + ": column 'priority' is '" + r.get("priority")
                        + "'; it must be a whole number (1 = highest priority).");
            }
            return new SegmentRule(priority, r.get("segment"), r.get("rule_id"), r.get("condition"),
                    r.get("sub_segment"));
        });
    }

    public static List<CohortRule> cohortRules(Path file) {
        return rows(file, List.of("cohort", "condition"), r -> new CohortRule(r.get("cohort"), r.get("condition")));
    }

    private static boolean bool(Path file, String column, String v) {
        if (!"true".equalsIgnoreCase(v) && !"false".equalsIgnoreCase(v)) {
            throw new PhmUserException(file + ": column '" + column + "' is '" + v + "'; it must be true or false.");
        }
        return Boolean.parseBoolean(v);
    }

    /** Reads a small CSV file on the driver with the named columns required. */
    private static <T> List<T> rows(Path file, List<String> columns, Function<Map<String, String>, T> make) {
        if (!Files.isRegularFile(file)) {
            throw new PhmUserException(file + ": configuration file not found; restore it from the project or "
                    + "point the configuration at your own copy.");
        }
        List<T> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<List<String>> records = SimpleCsv.parse(r);
            if (records.isEmpty()) {
                throw new PhmUserException(file + ": the file is empty; it needs a header row " + columns + ".");
            }
            List<String> header = records.get(0);
            for (String c : columns) {
                if (!header.contains(c)) {
                    throw new PhmUserException(file + ": required column '" + c + "' is missing; the header must be "
                            + columns + ".");
                }
            }
            for (List<String> rec : records.subList(1, records.size())) {
                if (rec.size() == 1 && rec.get(0).isBlank()) {
                    continue;
                }
                Map<String, String> m = new java.util.HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    m.put(header.get(i), i < rec.size() ? rec.get(i) : "");
                }
                out.add(make.apply(m));
            }
        } catch (IOException e) {
            throw new PhmUserException(file + ": cannot read (" + e.getMessage() + ").");
        }
        return out;
    }

    /** A reference CSV read by Spark with an explicit schema; every schema column must be in the header. */
    static Dataset<Row> csv(SparkSession spark, Path file, StructType schema) {
        if (!Files.isRegularFile(file)) {
            throw new PhmUserException(file + ": reference file not found; restore it from the project (see "
                    + "conf/reference/PROVENANCE.md) or set reference.dir to a folder that has it.");
        }
        List<String> header = InputFiles.csvHeader(file);
        for (StructField f : schema.fields()) {
            if (!header.contains(f.name())) {
                throw new PhmUserException(file + ": required column '" + f.name() + "' is missing; the file must "
                        + "have the columns " + List.of(schema.fieldNames()) + ".");
            }
        }
        // Read as text by header name, then cast: reference files may carry extra columns in any order.
        StructType asText = new StructType();
        for (String h : header) {
            asText = asText.add(h, org.apache.spark.sql.types.DataTypes.StringType);
        }
        Dataset<Row> text = spark.read().schema(asText).option("header", "true").option("escape", "\"")
                .csv(file.toString());
        return text.select(java.util.Arrays.stream(schema.fields())
                .map(f -> org.apache.spark.sql.functions.col(f.name()).cast(f.dataType()).alias(f.name()))
                .toArray(org.apache.spark.sql.Column[]::new));
    }
}
