package uk.nhs.phm.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.phm.pipeline.testing.Fixtures.row;
import static uk.nhs.phm.pipeline.testing.Fixtures.typed;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.RowAssert;
import uk.nhs.phm.pipeline.testing.TestReference;

class ConditionsTest {
    private static final FeatureSettings T = FeatureSettings.defaults(LocalDate.of(2026, 3, 31));
    private static final ConditionCodeLists LISTS = TestReference.codeLists();

    private static Dataset<Row> flags(Dataset<Row> gp, Dataset<Row> spells) {
        Dataset<Row> records = Conditions.codedRecords(gp, spells);
        Dataset<Row> matched = Conditions.matchCodes(Conditions.distinctCodes(records), LISTS);
        return Conditions.flags(records, matched, LISTS, T);
    }

    @Test
    void snomedReadAndIcd10DottedOrNotAllMatch() {
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                row("snomed_af", "2010-01-01", "snomed", "195080001", null, null),
                row("read_af", "2010-01-01", "read2", "G573000", null, null),
                row("gp_icd", "2010-01-01", "icd10", "i48.1", null, null),
                row("unmapped", "2010-01-01", "snomed", "999999999", null, null));
        Dataset<Row> spells = typed(InputTable.INPATIENT_SPELLS,
                row("s1", "dotted", null, "2025-06-01", "2025-06-03", "21", "I50.0", null, null, null, null),
                row("s2", "undotted", null, "2025-06-01", "2025-06-03", "21", "R07.4", "I500|E119", null, null, null));
        Dataset<Row> f = flags(gp, spells);
        RowAssert.assertRows(f, "person_id", Map.of(
                "snomed_af", Map.of("cond_atrial_fibrillation", true, "ltc_count", 1, "ltc_list", "atrial_fibrillation"),
                "read_af", Map.of("cond_atrial_fibrillation", true),
                "gp_icd", Map.of("cond_atrial_fibrillation", true),
                "dotted", Map.of("cond_heart_failure", true, "cond_heart_failure_12m", true, "ltc_count", 1),
                "undotted", Map.of("cond_heart_failure", true, "cond_diabetes", true, "ltc_count", 2,
                        "ltc_list", "diabetes|heart_failure")));
        assertEquals(5, f.count(), "a person whose only code matches no list has no row");
    }

    @Test
    void resolvedCodesRemoveEarlierDiagnosesAndNothingAfterTCounts() {
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                row("resolved", "2015-01-01", "snomed", "44054006", null, null),
                row("resolved", "2020-01-01", "snomed", "315051004", null, null),
                row("rediagnosed", "2015-01-01", "snomed", "44054006", null, null),
                row("rediagnosed", "2018-01-01", "snomed", "315051004", null, null),
                row("rediagnosed", "2022-01-01", "snomed", "44054006", null, null),
                row("same_day", "2020-01-01", "snomed", "44054006", null, null),
                row("same_day", "2020-01-01", "snomed", "315051004", null, null),
                row("after_t", "2026-04-01", "snomed", "44054006", null, null),
                row("after_t", "2015-01-01", "snomed", "52448006", null, null),
                row("resolved_after_t", "2015-01-01", "snomed", "44054006", null, null),
                row("resolved_after_t", "2026-04-02", "snomed", "315051004", null, null));
        Dataset<Row> f = flags(gp, typed(InputTable.INPATIENT_SPELLS));
        RowAssert.assertRows(f, "person_id", Map.of(
                "resolved", Map.of("cond_diabetes", false, "ltc_count", 0, "ltc_list", ""),
                "rediagnosed", Map.of("cond_diabetes", true, "ltc_count", 1),
                "same_day", Map.of("cond_diabetes", true),
                "after_t", Map.of("cond_diabetes", false, "cond_dementia", true, "ltc_list", "dementia"),
                "resolved_after_t", Map.of("cond_diabetes", true)));
    }

    @Test
    void twelveMonthFlagsUseTheWindowEndingOnT() {
        // Window (2025-03-31, 2026-03-31]: the first day inside is 2025-04-01.
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                row("on_t", "2026-03-31", "snomed", "1323251000000100", null, null),
                row("window_start_excluded", "2025-03-31", "snomed", "1323251000000100", null, null),
                row("first_day_in", "2025-04-01", "snomed", "1323251000000100", null, null));
        Dataset<Row> spells = typed(InputTable.INPATIENT_SPELLS,
                row("s1", "mets", null, "2025-09-01", "2025-09-03", "21", "C78.7", null, null, null, null),
                row("s2", "old_mets", null, "2024-09-01", "2024-09-03", "21", "C787", null, null, null, null),
                row("s3", "maternity", null, "2025-09-01", "2025-09-03", "31", "O80", null, null, null, null));
        Dataset<Row> f = flags(gp, spells);
        RowAssert.assertRows(f, "person_id", Map.of(
                "on_t", Map.of("cond_palliative_care_12m", true, "cond_palliative_care", true),
                "window_start_excluded", Map.of("cond_palliative_care_12m", false, "cond_palliative_care", true),
                "first_day_in", Map.of("cond_palliative_care_12m", true),
                "mets", Map.of("cond_metastatic_cancer_12m", true),
                "old_mets", Map.of("cond_metastatic_cancer_12m", false, "cond_metastatic_cancer", true),
                "maternity", Map.of("cond_maternity_12m", true, "ltc_count", 0)));
    }

    @Test
    void unmappedCodesAreReportedWithCounts() {
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                row("a", "2010-01-01", "snomed", "999999999", null, null),
                row("b", "2011-01-01", "snomed", "999999999", null, null),
                row("a", "2010-01-01", "snomed", "195080001", null, null));
        Dataset<Row> records = Conditions.codedRecords(gp, typed(InputTable.INPATIENT_SPELLS));
        Dataset<Row> distinct = Conditions.distinctCodes(records);
        List<Row> unmapped = Conditions.unmapped(distinct, Conditions.matchCodes(distinct, LISTS)).collectAsList();
        Map<String, Long> byCode = unmapped.stream().collect(Collectors.toMap(r -> r.getString(2), r -> r.getLong(3)));
        assertEquals(Map.of("999999999", 2L), byCode);
    }

    /** Only records dated up to T are reported: a code first recorded after T is not T's to explain. */
    @Test
    void unmappedCodesAreThoseOfRecordsUpToT() {
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                row("a", "2010-01-01", "snomed", "999999999", null, null),
                row("b", "2020-06-01", "snomed", "999999999", null, null),
                row("b", "2020-06-01", "snomed", "888888888", null, null));
        Dataset<Row> spells = typed(InputTable.INPATIENT_SPELLS,
                row("s1", "a", null, "2019-12-20", "2020-01-05", "21", "Z999", null, null, null, null));
        uk.nhs.phm.pipeline.features.InputData data = new uk.nhs.phm.pipeline.features.InputData(
                uk.nhs.phm.pipeline.testing.SparkTestSession.get())
                .with(InputTable.GP_EVENTS, gp).with(InputTable.INPATIENT_SPELLS, spells);
        FeatureInputs in = new FeatureInputs(data, null, LISTS, TestReference.efiDeficits(), null,
                new FeatureSettings(java.time.LocalDate.of(2019, 12, 31), 365, 365, 2025));
        Map<String, Long> byCode = Conditions.unmappedCodes(in).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(2), r -> r.getLong(3)));
        // The 2020 records, and the spell discharged in 2020 (its diagnoses are dated at discharge), are after T.
        assertEquals(Map.of("999999999", 1L), byCode);
    }

    /** A GP code that only an eFI deficit uses (falls, SNOMED 1912002) is used by T's features: not unmapped. */
    @Test
    void gpCodesOfEfiDeficitsAreNotUnmapped() {
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                row("a", "2010-01-01", "snomed", "1912002", null, null),
                row("a", "2010-01-01", "snomed", "999999999", null, null));
        InputData data = new InputData(uk.nhs.phm.pipeline.testing.SparkTestSession.get())
                .with(InputTable.GP_EVENTS, gp);
        FeatureInputs in = new FeatureInputs(data, null, LISTS, TestReference.efiDeficits(), null, T);
        Map<String, Long> byCode = Conditions.unmappedCodes(in).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(2), r -> r.getLong(3)));
        assertEquals(Map.of("999999999", 1L), byCode);
    }

    /** ltc_list is alphabetical, as documented, although the lists name diabetes before dementia. */
    @Test
    void ltcListIsAlphabeticalWhateverTheOrderOfTheConditionsFile() {
        List<String> names = LISTS.conditions.stream().filter(c -> c.ltc).map(c -> c.name).toList();
        assertEquals(true, names.indexOf("diabetes") < names.indexOf("dementia"), "the lists' own order");
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                row("p", "2020-01-01", "snomed", "44054006", null, null),
                row("p", "2021-01-01", "snomed", "52448006", null, null));
        Dataset<Row> f = flags(gp, typed(InputTable.INPATIENT_SPELLS));
        RowAssert.assertRows(f, "person_id", Map.of("p", Map.of("ltc_count", 2, "ltc_list", "dementia|diabetes")));
    }

    /**
     * A spell still open when the extract was taken and the same spell extracted after its discharge (after T)
     * give the same flags for T: none from its diagnoses.
     */
    @Test
    void anOpenSpellsDiagnosesCountForNoAsOfDate() {
        FeatureSettings t = FeatureSettings.defaults(LocalDate.of(2025, 6, 30));
        Dataset<Row> open = typed(InputTable.INPATIENT_SPELLS,
                row("s1", "p", null, "2025-06-01", null, "21", "I50.0", null, null, null, null));
        Dataset<Row> closedLater = typed(InputTable.INPATIENT_SPELLS,
                row("s1", "p", null, "2025-06-01", "2025-07-10", "21", "I50.0", null, null, null, null));
        for (Dataset<Row> spells : List.of(open, closedLater)) {
            Dataset<Row> records = Conditions.codedRecords(typed(InputTable.GP_EVENTS), spells);
            assertEquals(0, Conditions.flags(records, Conditions.matchCodes(Conditions.distinctCodes(records), LISTS),
                    LISTS, t).count(), "no condition at T from a spell not discharged by T");
        }
    }

    /**
     * The shipped CKD rules (conf/codelists), as QOF stages CKD: a stage 1-2 code after the latest stage 3-5 code
     * takes the person off the CKD 3-5 register, and CKD 4-5 follows the latest stage code of any stage.
     */
    @Test
    void ckdFollowsTheLatestStageCodeWithTheShippedLists() throws java.io.IOException {
        java.nio.file.Path conf = java.nio.file.Path.of("..", "conf", "codelists");
        List<ConditionCodeLists.Condition> conditions;
        List<Row> ckdCodes;
        try (java.io.Reader c = java.nio.file.Files.newBufferedReader(conf.resolve("conditions.csv"));
             java.io.Reader k = java.nio.file.Files.newBufferedReader(conf.resolve("condition_codes.csv"))) {
            conditions = ConditionCodeLists.parseConditions(uk.nhs.phm.pipeline.config.CsvTable.parse("conditions.csv", c))
                    .stream().filter(x -> x.name.startsWith("ckd_")).toList();
            ckdCodes = uk.nhs.phm.pipeline.config.CsvTable.parse("condition_codes.csv", k).records.stream()
                    .filter(r -> r.get("condition").startsWith("ckd_"))
                    .map(r -> org.apache.spark.sql.RowFactory.create(r.get("condition"), r.get("code_system"),
                            r.get("code"), r.get("match"), r.get("source")))
                    .toList();
        }
        assertEquals(List.of("ckd_3_5", "ckd_4_5", "ckd_1_2", "ckd_1_3"), conditions.stream().map(x -> x.name).toList());
        ConditionCodeLists ckd = new ConditionCodeLists(conditions, uk.nhs.phm.pipeline.testing.SparkTestSession.get()
                .createDataFrame(ckdCodes, ConditionCodeLists.CODES));
        String stage2 = "431856006";
        String stage3 = "433144002";
        String stage4 = "431857002";
        String stage5 = "433146000";
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                row("stage3_then_stage2", "2019-01-01", "snomed", stage3, null, null),
                row("stage3_then_stage2", "2021-01-01", "snomed", stage2, null, null),
                row("stage2_then_stage3", "2019-01-01", "snomed", stage2, null, null),
                row("stage2_then_stage3", "2021-01-01", "snomed", stage3, null, null),
                row("stage4_then_stage3", "2019-01-01", "snomed", stage4, null, null),
                row("stage4_then_stage3", "2021-01-01", "snomed", stage3, null, null),
                row("stage3_then_stage5", "2019-01-01", "snomed", stage3, null, null),
                row("stage3_then_stage5", "2021-01-01", "snomed", stage5, null, null),
                row("stage4_stage2_after_t", "2019-01-01", "snomed", stage4, null, null),
                row("stage4_stage2_after_t", "2026-05-01", "snomed", stage2, null, null),
                row("stage3_and_4_same_day", "2021-01-01", "snomed", stage3, null, null),
                row("stage3_and_4_same_day", "2021-01-01", "snomed", stage4, null, null),
                row("hospital_n184_then_gp_stage3", "2022-01-01", "snomed", stage3, null, null));
        Dataset<Row> spells = typed(InputTable.INPATIENT_SPELLS,
                row("s1", "hospital_n184_then_gp_stage3", null, "2020-01-01", "2020-01-05", "21", "N18.4", null, null,
                        null, null));
        Dataset<Row> records = Conditions.codedRecords(gp, spells);
        Dataset<Row> f = Conditions.flags(records, Conditions.matchCodes(Conditions.distinctCodes(records), ckd), ckd, T);
        RowAssert.assertRows(f, "person_id", Map.of(
                "stage3_then_stage2", Map.of("cond_ckd_3_5", false, "cond_ckd_4_5", false, "ltc_count", 0),
                "stage2_then_stage3", Map.of("cond_ckd_3_5", true, "cond_ckd_4_5", false, "ltc_count", 1),
                "stage4_then_stage3", Map.of("cond_ckd_3_5", true, "cond_ckd_4_5", false),
                "stage3_then_stage5", Map.of("cond_ckd_3_5", true, "cond_ckd_4_5", true),
                "stage4_stage2_after_t", Map.of("cond_ckd_3_5", true, "cond_ckd_4_5", true),
                "stage3_and_4_same_day", Map.of("cond_ckd_3_5", true, "cond_ckd_4_5", true),
                "hospital_n184_then_gp_stage3", Map.of("cond_ckd_3_5", true, "cond_ckd_4_5", false)));
    }
}
