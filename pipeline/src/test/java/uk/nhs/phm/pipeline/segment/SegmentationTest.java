package uk.nhs.phm.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.testing.RowAssert;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/** The shipped rules (conf/segment_rules.csv, conf/cohort_rules.csv) against hand-made people, one per rule. */
class SegmentationTest {
    private static final String[] CONDITIONS = {"palliative_care", "metastatic_cancer", "dementia", "heart_failure",
        "copd", "ckd_4_5", "liver_failure", "learning_disability", "paraplegia", "cerebral_palsy",
        "motor_neurone_disease", "serious_mental_illness", "homelessness", "substance_misuse", "hypertension", "cancer"};
    private static List<SegmentRule> rules;
    private static List<CohortRule> cohorts;

    @BeforeAll
    static void loadShippedRules() throws IOException {
        Path conf = Path.of("..", "conf");
        rules = SegmentRule.parse(csv(conf.resolve("segment_rules.csv")));
        cohorts = CohortRule.parse(csv(conf.resolve("cohort_rules.csv")));
    }

    private static CsvTable csv(Path p) throws IOException {
        try (Reader r = Files.newBufferedReader(p)) {
            return CsvTable.parse(p.toString(), r);
        }
    }

    private static StructType schema() {
        StructType s = new StructType().add("person_id", DataTypes.StringType).add("age", DataTypes.IntegerType)
                .add("ltc_count", DataTypes.IntegerType).add("efi_category", DataTypes.StringType)
                .add("maternity_12m", DataTypes.BooleanType).add("nel_admissions_12m", DataTypes.LongType)
                .add("ae_attendances_12m", DataTypes.LongType).add("core20", DataTypes.BooleanType);
        for (String c : CONDITIONS) {
            s = s.add("cond_" + c, DataTypes.BooleanType).add("cond_" + c + "_12m", DataTypes.BooleanType);
        }
        return s;
    }

    /** A person aged 40 with nothing recorded, then the given overrides. */
    private static Row person(String id, Object... overrides) {
        StructType s = schema();
        Map<String, Object> v = new HashMap<>();
        v.put("person_id", id);
        v.put("age", 40);
        v.put("ltc_count", 0);
        v.put("maternity_12m", false);
        v.put("nel_admissions_12m", 0L);
        v.put("ae_attendances_12m", 0L);
        v.put("core20", false);
        for (int i = 0; i < overrides.length; i += 2) {
            v.put((String) overrides[i], overrides[i + 1]);
        }
        Object[] values = new Object[s.fields().length];
        for (int i = 0; i < values.length; i++) {
            String name = s.fields()[i].name();
            DataType t = s.fields()[i].dataType();
            values[i] = v.containsKey(name) ? v.get(name) : (t == DataTypes.BooleanType ? Boolean.FALSE : null);
        }
        return RowFactory.create(values);
    }

    private static Dataset<Row> people(Row... rows) {
        return SparkTestSession.get().createDataFrame(List.of(rows), schema());
    }

    @Test
    void eachRuleAndItsPriority() {
        Dataset<Row> df = people(
                person("palliative", "cond_palliative_care_12m", true, "cond_palliative_care", true,
                        "cond_dementia", true, "ltc_count", 2),
                // Coded in the year but since marked "no longer indicated": the palliative flag is resolved.
                person("palliative_ended", "cond_palliative_care_12m", true, "ltc_count", 0),
                person("mets", "cond_metastatic_cancer_12m", true, "cond_heart_failure", true),
                person("dementia", "cond_dementia", true, "cond_copd", true, "age", 82, "ltc_count", 2),
                person("efi_severe", "age", 80, "efi_category", "severe", "cond_copd", true),
                person("efi_moderate_young", "age", 60, "efi_category", "moderate", "ltc_count", 1),
                person("hf", "cond_heart_failure", true, "cond_learning_disability", true, "ltc_count", 2),
                person("copd", "cond_copd", true, "ltc_count", 1),
                person("ckd45", "cond_ckd_4_5", true, "ltc_count", 1),
                person("liver", "cond_liver_failure", true),
                person("ld", "cond_learning_disability", true, "ltc_count", 1, "nel_admissions_12m", 2L),
                person("mnd", "cond_motor_neurone_disease", true),
                person("ltc1", "ltc_count", 1, "maternity_12m", true),
                person("ltc3", "ltc_count", 3),
                person("ltc4", "ltc_count", 4),
                person("infant", "age", 0, "ae_attendances_12m", 1L),
                person("mother", "age", 29, "maternity_12m", true),
                person("acute", "nel_admissions_12m", 1L),
                person("core20_copd", "cond_copd", true, "core20", true, "ltc_count", 1),
                person("ld_hypertension", "cond_learning_disability", true, "cond_hypertension", true, "ltc_count", 2),
                person("ae_only", "ae_attendances_12m", 3L),
                person("well", "age", 35));
        Dataset<Row> out = Segmentation.cohorts(Segmentation.assign(df, rules), cohorts);
        Map<String, Map<String, Object>> e = new HashMap<>();
        e.put("palliative", Map.of("segment", "end_of_life", "segment_reason", "end_of_life:palliative_care"));
        e.put("palliative_ended", Map.of("segment", "healthy_well"));
        e.put("mets", Map.of("segment", "end_of_life", "segment_reason", "end_of_life:metastatic_cancer"));
        e.put("dementia", Map.of("segment", "frailty_dementia", "segment_reason", "frailty_dementia:dementia",
                "cohorts", "frailty_end_of_life"));
        e.put("efi_severe", Map.of("segment", "frailty_dementia", "segment_reason", "frailty_dementia:efi_severe"));
        e.put("efi_moderate_young", Map.of("segment", "long_term_conditions", "sub_segment", "ltc_1"));
        e.put("hf", Map.of("segment", "organ_failure", "segment_reason", "organ_failure:heart_failure",
                "cohorts", "inclusion_groups"));
        e.put("copd", Map.of("segment", "organ_failure", "segment_reason", "organ_failure:copd"));
        e.put("ckd45", Map.of("segment", "organ_failure", "segment_reason", "organ_failure:ckd_4_5"));
        e.put("liver", Map.of("segment", "organ_failure", "segment_reason", "organ_failure:liver_failure"));
        e.put("ld", Map.of("segment", "serious_disability", "segment_reason", "serious_disability:learning_disability"));
        e.put("mnd", Map.of("segment", "serious_disability", "sub_segment", "motor_neurone_disease"));
        e.put("ltc1", Map.of("segment", "long_term_conditions", "sub_segment", "ltc_1", "segment_reason",
                "long_term_conditions:ltc"));
        e.put("ltc3", Map.of("segment", "long_term_conditions", "sub_segment", "ltc_2_3"));
        e.put("ltc4", Map.of("segment", "long_term_conditions", "sub_segment", "ltc_4_plus"));
        e.put("infant", Map.of("segment", "maternal_infant", "segment_reason", "maternal_infant:infant",
                "cohorts", "children_families"));
        e.put("mother", Map.of("segment", "maternal_infant", "segment_reason", "maternal_infant:maternity",
                "cohorts", "children_families"));
        e.put("acute", Map.of("segment", "acute_episodic", "segment_reason", "acute_episodic:emergency_care"));
        e.put("ae_only", Map.of("segment", "acute_episodic"));
        // Core20PLUS5: a clinical area counts within the Core20 or a PLUS (inclusion) group only.
        e.put("core20_copd", Map.of("cohorts", "core20|core20plus5_copd"));
        e.put("ld_hypertension", Map.of("cohorts", "inclusion_groups|core20plus5_hypertension"));
        e.put("copd", Map.of("cohorts", ""));
        e.put("well", Map.of("segment", "healthy_well", "segment_reason", "healthy_well:none", "cohorts", ""));
        RowAssert.assertRows(out, "person_id", e);
    }

    @Test
    void invalidRulesAreUserErrorsNamingTheFileAndRule() {
        Dataset<Row> df = people(person("x"));
        List<SegmentRule> typo = new ArrayList<>(rules);
        typo.add(0, new SegmentRule(1, "end_of_life", "typo", "cond_palliative_car_12m", ""));
        PhmUserException e = assertThrows(PhmUserException.class,
                () -> Segmentation.validate(df, typo, cohorts, "conf/segment_rules.csv", "conf/cohort_rules.csv"));
        assertTrue(e.getMessage().startsWith("conf/segment_rules.csv: rule end_of_life:typo condition"), e.getMessage());

        List<SegmentRule> noCatchAll = rules.subList(0, rules.size() - 1);
        e = assertThrows(PhmUserException.class,
                () -> Segmentation.validate(df, noCatchAll, cohorts, "rules.csv", "cohorts.csv"));
        assertTrue(e.getMessage().contains("catch-all"), e.getMessage());

        Segmentation.validate(df, rules, cohorts, "rules.csv", "cohorts.csv");
        assertEquals(8, rules.stream().map(r -> r.segment).distinct().count());
    }
}
