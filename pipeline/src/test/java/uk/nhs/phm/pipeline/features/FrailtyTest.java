package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.phm.pipeline.testing.Fixtures.row;
import static uk.nhs.phm.pipeline.testing.Fixtures.typed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.RowAssert;
import uk.nhs.phm.pipeline.testing.SparkTestSession;
import uk.nhs.phm.pipeline.testing.TestReference;

/** The eFI on tiny named people at T = 2026-03-31, with real codes of the shipped deficit lists (TestReference). */
class FrailtyTest {
    private static final LocalDate T = LocalDate.of(2026, 3, 31);

    private static String[] patient(String id, String year, String month) {
        return row(id, year, month, "F", "A", null);
    }

    private static String[] registered(String id) {
        return row(id, "A81001", "2010-01-01", null, "E01000001");
    }

    private static String[] med(String id, String date, String code) {
        return row(id, date, "dmd", code, null);
    }

    @Test
    void deficitsFromGpCodesAndPolypharmacyUpToT() {
        List<String> ids = List.of("frail70", "four_meds70", "five_meds70", "after_t70", "just65", "young64");
        List<String[]> patients = new ArrayList<>();
        List<String[]> registrations = new ArrayList<>();
        for (String id : ids) {
            registrations.add(registered(id));
        }
        patients.add(patient("frail70", "1956", "1"));
        patients.add(patient("four_meds70", "1956", "1"));
        patients.add(patient("five_meds70", "1956", "1"));
        patients.add(patient("after_t70", "1956", "1"));
        patients.add(patient("just65", "1961", "3"));
        patients.add(patient("young64", "1961", "4"));
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                // frail70: falls (SNOMED), arthritis (Read v2 with its term code), hypertension (CTV3), hearing loss
                // recorded twice (one deficit), arthritis again by CTV3 (still one deficit): 4 deficits from codes.
                row("frail70", "2020-01-01", "snomed", "1912002", null, null),
                row("frail70", "2019-05-05", "read2", "N05..11", null, null),
                row("frail70", "2018-02-02", "ctv3", "G20..", null, null),
                row("frail70", "2021-01-01", "snomed", "15188001", null, null),
                row("frail70", "2022-01-01", "snomed", "15188001", null, null),
                row("frail70", "2023-03-03", "ctv3", "XE1DV", null, null),
                row("frail70", "2024-01-01", "snomed", "999999999", null, null),
                row("after_t70", "2026-04-01", "snomed", "1912002", null, null),
                row("just65", "2026-03-31", "snomed", "1912002", null, null),
                row("young64", "2020-01-01", "snomed", "1912002", null, null));
        Dataset<Row> meds = typed(InputTable.MEDICATIONS,
                // frail70: 5 distinct codes in (2025-03-31, 2026-03-31], the last on T: polypharmacy.
                med("frail70", "2025-04-01", "m1"), med("frail70", "2025-06-01", "m2"), med("frail70", "2025-08-01", "m3"),
                med("frail70", "2025-10-01", "m4"), med("frail70", "2026-03-31", "m5"),
                // four_meds70: 4 distinct codes in the window (m1 issued twice); m5 on the window's start is outside.
                med("four_meds70", "2025-04-01", "m1"), med("four_meds70", "2025-05-01", "m1"),
                med("four_meds70", "2025-06-01", "m2"), med("four_meds70", "2025-07-01", "m3"),
                med("four_meds70", "2025-08-01", "m4"), med("four_meds70", "2025-03-31", "m5"),
                // five_meds70: 5 distinct codes in the window, and one issued after T that does not count.
                med("five_meds70", "2025-04-01", "m1"), med("five_meds70", "2025-05-01", "m2"),
                med("five_meds70", "2025-06-01", "m3"), med("five_meds70", "2025-07-01", "m4"),
                med("five_meds70", "2026-01-01", "m5"), med("five_meds70", "2026-04-01", "m6"));
        InputData data = new InputData(SparkTestSession.get())
                .with(InputTable.PATIENTS, typed(InputTable.PATIENTS, patients.toArray(new String[0][])))
                .with(InputTable.REGISTRATIONS, typed(InputTable.REGISTRATIONS, registrations.toArray(new String[0][])))
                .with(InputTable.GP_EVENTS, gp).with(InputTable.MEDICATIONS, meds);
        FeatureInputs in = new FeatureInputs(data, TestReference.referenceData(), TestReference.codeLists(),
                TestReference.efiDeficits(), null, FeatureSettings.defaults(T));
        Dataset<Row> f = PersonFeatures.build(in, List.of(Frailty.FAMILY));
        Map<String, Map<String, Object>> expected = new HashMap<>();
        // 4 coded deficits + polypharmacy = 5/36 = 0.1389: mild.
        expected.put("frail70", RowAssert.cols("age", 70, "efi", 5.0 / 36, "efi_category", "mild"));
        expected.put("four_meds70", RowAssert.cols("efi", 0.0, "efi_category", "fit"));
        expected.put("five_meds70", RowAssert.cols("efi", 1.0 / 36, "efi_category", "fit"));
        expected.put("after_t70", RowAssert.cols("efi", 0.0, "efi_category", "fit"));
        expected.put("just65", RowAssert.cols("age", 65, "efi", 1.0 / 36, "efi_category", "fit"));
        expected.put("young64", RowAssert.cols("age", 64, "efi", null, "efi_category", null));
        RowAssert.assertRows(f, "person_id", expected);
    }

    /** The Spark columns give the verification file's eFI and category for every count 0–36. */
    @Test
    void theColumnsAgreeWithTheVerificationCases() throws Exception {
        List<CsvTable.Record> cases = FrailtyVerificationTest.cases();
        List<Row> counts = new ArrayList<>();
        for (CsvTable.Record c : cases) {
            counts.add(RowFactory.create(Integer.parseInt(c.get("n_deficits_present"))));
        }
        Dataset<Row> df = SparkTestSession.get().createDataFrame(counts, new StructType().add("n", DataTypes.IntegerType))
                .select(col("n"), Frailty.efiOf(col("n")).alias("efi"), Frailty.categoryOf(col("n")).alias("category"));
        Map<Integer, Row> byN = new HashMap<>();
        df.collectAsList().forEach(r -> byN.put(r.getInt(0), r));
        for (CsvTable.Record c : cases) {
            Row r = byN.get(Integer.parseInt(c.get("n_deficits_present")));
            double expected = Double.parseDouble(c.get("efi"));
            assertEquals(expected, r.getDouble(1), Math.abs(expected) * 1e-9, "eFI of " + r.getInt(0));
            assertEquals(c.get("category"), r.getString(2), "category of " + r.getInt(0));
        }
    }
}
