package uk.nhs.phm.pipeline.segment;

import java.io.Serializable;

/** One cohort of conf/cohort_rules.csv: a Spark SQL condition over features and segment; cohorts overlap. */
public final class CohortRule implements Serializable {
    public final String cohort;
    public final String condition;

    public CohortRule(String cohort, String condition) {
        this.cohort = cohort;
        this.condition = condition;
    }
}
