package uk.nhs.phm.pipeline.testing;

import static uk.nhs.phm.pipeline.testing.Fixtures.table;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.reference.CambridgeMultimorbidity;
import uk.nhs.phm.pipeline.reference.CharlsonIndex;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists.Condition;
import uk.nhs.phm.pipeline.reference.EfiDeficits;
import uk.nhs.phm.pipeline.reference.ReferenceData;
import uk.nhs.phm.pipeline.reference.ScoreLists;

/**
 * A few real rows of the shipped reference data (conf/reference), enough for hand-computed cases: two
 * Stockton practices in different PCNs; LSOA E01000001 (unchanged 2011 → 2021) and E01000010, which was
 * split in 2021 into E01034473 and E01034474.
 */
public final class TestReference {
    private TestReference() {
    }

    public static ReferenceData referenceData() {
        String icbName = "NHS North East and North Cumbria Integrated Care Board";
        return new ReferenceData(
                table(ReferenceData.PRACTICES,
                        new Object[] {"A81001", "THE DENSHAM SURGERY", "U89141", "STOCKTON PCN", "16C", "Sub ICB 16C", "QHM", icbName},
                        new Object[] {"A81002", "QUEENS PARK MEDICAL CENTRE", "U07032", "NORTH STOCKTON PCN", "16C", "Sub ICB 16C", "QHM", icbName}),
                table(ReferenceData.LSOA21,
                        new Object[] {"E01000001", "City of London 001A", "E09000001", "City of London", "A3A8R", "QMF"},
                        new Object[] {"E01034473", "Barking and Dagenham 015E", "E09000002", "Barking and Dagenham", "A3A8R", "QMF"},
                        new Object[] {"E01034474", "Barking and Dagenham 015F", "E09000002", "Barking and Dagenham", "A3A8R", "QMF"}),
                table(ReferenceData.LSOA11_TO_21,
                        new Object[] {"E01000001", "E01000001", "U"},
                        new Object[] {"E01000010", "E01034473", "S"},
                        new Object[] {"E01000010", "E01034474", "S"}),
                table(ReferenceData.IMD2019,
                        new Object[] {"E01000001", 9, 6.208},
                        new Object[] {"E01000010", 3, 32.437}),
                table(ReferenceData.IMD2025,
                        new Object[] {"E01000001", 8, 8.742},
                        new Object[] {"E01034473", 1, 48.32},
                        new Object[] {"E01034474", 3, 27.848}));
    }

    /** Real codes from the shipped lists: NHSD PCD refsets (SNOMED), CALIBER (ICD-10, Read v2), methods.md. */
    public static ConditionCodeLists codeLists() {
        List<Condition> conditions = List.of(
                new Condition("atrial_fibrillation", "Atrial fibrillation", true, null),
                new Condition("diabetes", "Diabetes", true, "diabetes_resolved"),
                new Condition("heart_failure", "Heart failure", true, null),
                new Condition("dementia", "Dementia", true, null),
                new Condition("palliative_care", "Palliative care", true, null),
                new Condition("asthma", "Asthma", true, null),
                new Condition("diabetes_resolved", "Diabetes resolved", false, null),
                new Condition("metastatic_cancer", "Metastatic cancer", false, null),
                new Condition("maternity", "Maternity", false, null));
        Dataset<Row> codes = table(ConditionCodeLists.CODES,
                new Object[] {"atrial_fibrillation", "snomed", "195080001", "exact", "afib_cod"},
                new Object[] {"atrial_fibrillation", "icd10", "I48", "prefix", "CALIBER"},
                new Object[] {"atrial_fibrillation", "read2", "G5730", "exact", "CALIBER"},
                new Object[] {"diabetes", "snomed", "44054006", "exact", "dm_cod"},
                new Object[] {"diabetes", "icd10", "E11", "prefix", "CALIBER"},
                new Object[] {"diabetes_resolved", "snomed", "315051004", "exact", "dmres_cod"},
                new Object[] {"heart_failure", "icd10", "I50", "prefix", "CALIBER"},
                new Object[] {"dementia", "snomed", "52448006", "exact", "dem_cod"},
                new Object[] {"palliative_care", "snomed", "1323251000000100", "exact", "palcare_cod"},
                new Object[] {"asthma", "icd10", "J45", "prefix", "CALIBER"},
                new Object[] {"metastatic_cancer", "icd10", "C78", "prefix", "methods.md"},
                new Object[] {"maternity", "icd10", "O", "prefix", "methods.md"});
        return new ConditionCodeLists(conditions, codes);
    }

    /**
     * The 36 eFI deficits as shipped (numbers and names of conf/codelists/efi_deficits.csv) with a few real codes
     * of the GM SDE code sets in conf/codelists/efi_deficit_codes.csv: falls 1912002 (SNOMED), arthritis N05.. Read
     * v2 and XE1DV CTV3, hearing loss 15188001 (SNOMED), hypertension G20.. (Read v2 and CTV3).
     */
    public static EfiDeficits efiDeficits() {
        String[] names = {"activity_limitation", "anaemia", "arthritis", "atrial_fibrillation", "stroke_tia", "ckd",
            "diabetes", "dizziness", "dyspnoea", "falls", "foot_problems", "fragility_fracture", "hearing_loss",
            "heart_failure", "heart_valve_disease", "housebound", "hypertension", "hypotension", "chd",
            "cognitive_problems", "mobility_problems", "osteoporosis", "parkinsons", "peptic_ulcer", "pvd",
            "polypharmacy", "care_requirement", "respiratory_disease", "skin_ulcer", "sleep_disturbance",
            "social_vulnerability", "thyroid_disorders", "urinary_incontinence", "urinary_system_disease",
            "vision_problems", "weight_loss"};
        List<EfiDeficits.Deficit> deficits = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            deficits.add(new EfiDeficits.Deficit(i + 1, names[i], names[i],
                    names[i].equals("polypharmacy") ? EfiDeficits.RULE_POLYPHARMACY : EfiDeficits.RULE_CODES));
        }
        Dataset<Row> codes = table(EfiDeficits.CODES,
                new Object[] {"falls", "snomed", "1912002", "exact", "GM SDE efi-falls v1"},
                new Object[] {"arthritis", "read2", "N05..", "exact", "GM SDE efi-arthritis v1"},
                new Object[] {"arthritis", "ctv3", "XE1DV", "exact", "GM SDE efi-arthritis v1"},
                new Object[] {"hearing_loss", "snomed", "15188001", "exact", "GM SDE efi-hearing-loss v1"},
                new Object[] {"hypertension", "read2", "G20..", "exact", "GM SDE efi-hypertension v1"},
                new Object[] {"hypertension", "ctv3", "G20..", "exact", "GM SDE efi-hypertension v1"});
        return new EfiDeficits(deficits, codes);
    }

    /** Score lists: the shipped Charlson map and weights (Charlson 1987), and a few real Cambridge rules. */
    public static ScoreLists scoreLists() {
        return new ScoreLists(charlson("charlson1987"), cmms());
    }

    public static CharlsonIndex charlson(String weighting) {
        return CharlsonIndex.parse(shipped("charlson_icd10_quan2005.csv"), shipped("charlson_weights.csv"), weighting);
    }

    /**
     * Five conditions of the shipped Cambridge lists with their published weights, one of each kind of rule: a
     * reused QOF flag (AF), Read v2 with children (Parkinson's F12), SNOMED concepts in 5 years (cancer), a
     * prescription rule (laxatives, BNF 1.6) and an "all" condition (eczema code and ≥ 4 topical psoriasis issues).
     */
    public static CambridgeMultimorbidity cmms() {
        return CambridgeMultimorbidity.parse(csv("cmms_conditions.csv", """
                condition,label,weight,combine,definition_in_source_sql
                cancer,Cancer,1.5,any,any cancer_*_year flag
                atrial_fibrillation,Atrial fibrillation,1.3,any,qof_af
                parkinsons,Parkinson's disease,1.29,any,parkinsons
                constipation,Constipation,1.03,any,>3 laxative prescriptions (PXLAX)
                eczema_psoriasis,Psoriasis or eczema,0.25,all,(eczema or psoriasis) and >3 PXPSORIASIS prescriptions
                """), csv("cmms_codes.csv", """
                condition,rule,code_system,code,match,window_months,min_issues,source
                cancer,code,snomed,363406005,exact,60,,c19can_cod
                atrial_fibrillation,condition_flag,phm_condition,atrial_fibrillation,exact,,,conditions.csv
                parkinsons,code,read2,F12,prefix,,,parkinsons
                constipation,prescriptions,bnf,0106,prefix,12,4,BNF 1.6
                eczema_psoriasis,code,read2,M111,prefix,,,eczema
                eczema_psoriasis,prescriptions,bnf,1305,prefix,12,4,BNF 13.5
                """), codeLists().conditions);
    }

    public static CsvTable csv(String source, String text) {
        return CsvTable.parse(source, new StringReader(text));
    }

    /** A shipped code list (conf/codelists), as the run reads it. */
    public static CsvTable shipped(String name) {
        Path p = Path.of("..", "conf", "codelists", name);
        try (Reader r = Files.newBufferedReader(p)) {
            return CsvTable.parse(p.toString(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
