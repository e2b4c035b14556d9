package uk.nhs.phm.pipeline.segment;

import java.io.Serializable;
import java.util.List;
import uk.nhs.phm.pipeline.config.CsvTable;

/** One cohort of conf/cohort_rules.csv: a Spark SQL condition over features and segment; cohorts overlap. */
public final class CohortRule implements Serializable {
    public static final List<String> COLUMNS = List.of("cohort", "condition");

    public final String cohort;
    public final String condition;

    public CohortRule(String cohort, String condition) {
        this.cohort = cohort;
        this.condition = condition;
    }

    public static List<CohortRule> parse(CsvTable file) {
        file.requireColumns(COLUMNS);
        return file.records.stream().map(r -> new CohortRule(r.get("cohort"), r.get("condition"))).toList();
    }
}
