package uk.nhs.phm.pipeline.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.testing.TestReference;

/** The shipped Cambridge lists, the scoring of rule hits and the checks of the two files. */
class CambridgeMultimorbidityTest {
    /**
     * The 35 general-outcome weights of the source (AdamCameron95/Cambridge-Multimorbidity-Score, after Payne et al.,
     * CMAJ 2020), written out here so that an edit of the shipped file cannot pass unnoticed.
     */
    private static final Object[] PUBLISHED = {
        "dementia", "2.46", "cancer", "1.5", "copd", "1.41", "atrial_fibrillation", "1.3", "parkinsons", "1.29",
        "heart_failure", "1.12", "constipation", "1.03", "painful_conditions", "0.87", "epilepsy", "0.85",
        "stroke_tia", "0.77", "liver_disease", "0.72", "diabetes", "0.71", "multiple_sclerosis", "0.69",
        "bronchiectasis", "0.66", "psychosis_bipolar", "0.58", "alcohol_problems", "0.55",
        "peripheral_vascular_disease", "0.53", "chronic_kidney_disease", "0.51", "learning_disability", "0.47",
        "anxiety_depression", "0.47", "coronary_heart_disease", "0.46", "inflammatory_bowel_disease", "0.44",
        "connective_tissue_disorder", "0.4", "substance_misuse", "0.38", "anorexia_bulimia", "0.34",
        "eczema_psoriasis", "0.25", "peptic_ulcer", "0.2", "irritable_bowel_syndrome", "0.18", "asthma", "0.18",
        "blindness_low_vision", "0.15", "hypertension", "0.09", "thyroid_disorders", "0.08", "migraine", "0.07",
        "hearing_loss", "0.07", "prostate_disorders", "0.01"};

    private static CambridgeMultimorbidity shipped() {
        return CambridgeMultimorbidity.parse(TestReference.shipped("cmms_conditions.csv"),
                TestReference.shipped("cmms_codes.csv"),
                ConditionCodeLists.parseConditions(TestReference.shipped("conditions.csv")));
    }

    @Test
    void theShippedWeightsAreThe35PublishedWeights() {
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (int i = 0; i < PUBLISHED.length; i += 2) {
            expected.put((String) PUBLISHED[i], new BigDecimal((String) PUBLISHED[i + 1]));
        }
        Map<String, BigDecimal> actual = new LinkedHashMap<>();
        shipped().conditions.forEach((name, c) -> actual.put(name, c.weight));
        assertEquals(35, actual.size());
        assertEquals(expected, actual);
    }

    @Test
    void theShippedRulesUseTheProjectsQofFlagsAndPaynesPrescriptionRule() {
        CambridgeMultimorbidity s = shipped();
        List<String> flags = s.rules.stream().filter(r -> r.rule.equals(CambridgeMultimorbidity.CONDITION_FLAG))
                .map(r -> r.condition + "=" + r.code).toList();
        assertTrue(flags.contains("atrial_fibrillation=atrial_fibrillation"), flags.toString());
        assertTrue(flags.contains("psychosis_bipolar=serious_mental_illness"), flags.toString());
        s.rules.stream().filter(r -> r.rule.equals(CambridgeMultimorbidity.PRESCRIPTIONS)).forEach(r -> {
            assertEquals(12, r.windowMonths, r.condition);
            assertEquals(4, r.minIssues, r.condition);
            assertEquals("bnf", r.codeSystem, r.condition);
        });
        assertTrue(s.rules.stream().filter(r -> r.condition.equals("cancer")).allMatch(r -> r.windowMonths == 60));
    }

    @Test
    void aConditionCountsOnceWithItsWeightAndAnAllConditionNeedsEveryKindOfRule() {
        CambridgeMultimorbidity c = TestReference.cmms();
        assertEquals(0.0, c.score(List.of()));
        // Parkinson's 1.29 + constipation 1.03 + AF 1.3 = 3.62, exactly (summed in decimal).
        assertEquals(3.62, c.score(List.of("parkinsons|code", "constipation|prescriptions",
                "atrial_fibrillation|condition_flag")));
        assertEquals(0.0, c.score(List.of("eczema_psoriasis|code")), "eczema without the treatment");
        assertEquals(0.0, c.score(List.of("eczema_psoriasis|prescriptions")), "treatment without the code");
        assertEquals(0.25, c.score(List.of("eczema_psoriasis|code", "eczema_psoriasis|prescriptions")));
    }

    private static final String CONDITIONS = "condition,label,weight,combine\nconstipation,Constipation,1.03,any\n";
    private static final String HEADER = "condition,rule,code_system,code,match,window_months,min_issues,source\n";

    private static String error(String conditions, String rules) {
        return assertThrows(PhmUserException.class, () -> CambridgeMultimorbidity.parse(
                TestReference.csv("cmms_conditions.csv", conditions), TestReference.csv("cmms_codes.csv", rules),
                TestReference.codeLists().conditions)).getMessage();
    }

    @Test
    void badFilesAreRefusedNamingTheFileLineAndFix() {
        assertEquals("cmms_codes.csv, line 2: condition 'laxatives' is not in cmms_conditions.csv; use one of its "
                + "conditions or add it there with its weight.", error(CONDITIONS, HEADER + "laxatives,prescriptions,bnf,0106,prefix,12,4,x\n"));
        assertEquals("cmms_codes.csv, line 2: a prescriptions rule needs window_months and min_issues (Payne 2020: 12 "
                + "and 4).", error(CONDITIONS, HEADER + "constipation,prescriptions,bnf,0106,prefix,12,,x\n"));
        assertEquals("cmms_conditions.csv, line 2: column 'weight' is 'heavy'; give the condition's weight as a "
                + "number, e.g. 0.47.", error(CONDITIONS.replace("1.03", "heavy"), HEADER));
        assertTrue(error(CONDITIONS, HEADER + "constipation,condition_flag,phm_condition,bowels,exact,,,x\n")
                .startsWith("cmms_codes.csv, line 2: 'bowels' is not a condition of codelists.conditions; name one of ["));
        assertEquals("cmms_codes.csv, line 2: column 'code' is empty; give the code (or, for a prefix rule, the prefix) "
                + "or delete the line.", error(CONDITIONS, HEADER + "constipation,prescriptions,bnf,,prefix,12,4,x\n"));
        assertEquals("cmms_codes.csv: condition 'constipation' of cmms_conditions.csv has no rule, so it could never "
                + "count; add its codes, prescriptions or flag.", error(CONDITIONS, HEADER));
    }
}
