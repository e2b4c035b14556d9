package uk.nhs.phm.pipeline.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.disclosure.DisclosureAuditException;
import uk.nhs.phm.pipeline.disclosure.TableProtection;
import uk.nhs.phm.pipeline.indicators.Indicator;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.StageResult;
import uk.nhs.phm.pipeline.testing.Fixtures;
import uk.nhs.phm.pipeline.testing.RowAssert;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/**
 * The audit stage on crafted published tables: LSOA L (the only area) with segments a and b and its {@code all} row.
 * Withholding a alone (b = 20 and all = 50 published gives a = 30) stops the run; withholding a and b passes.
 */
class AuditDisclosureTest {
    private static final StructType SUMMARY = new StructType().add("geography_level", DataTypes.StringType)
            .add("geography_code", DataTypes.StringType).add("segment", DataTypes.StringType)
            .add("risk_tier", DataTypes.StringType).add("patients", DataTypes.LongType)
            .add("nel_admissions_12m", DataTypes.LongType).add("ae_attendances_12m", DataTypes.LongType)
            .add("bed_days_12m", DataTypes.LongType).add("cost_12m", DataTypes.DoubleType);
    private static final StructType MEMBERSHIP = new StructType().add("lsoa", DataTypes.StringType)
            .add("pcn", DataTypes.StringType).add("place", DataTypes.StringType).add("icb", DataTypes.StringType);
    private static final StructType INDICATORS = new StructType().add("geography_level", DataTypes.StringType)
            .add("geography_code", DataTypes.StringType).add("indicator_id", DataTypes.StringType)
            .add("method", DataTypes.StringType).add("numerator", DataTypes.LongType)
            .add("denominator", DataTypes.LongType);
    private static final List<Indicator> CATALOGUE = Indicator.catalogue(
            List.of(new ConditionCodeLists.Condition("asthma", "Asthma", true, null)));

    private static RunContext context(Long patientsOfA, Long patientsOfB) {
        return context(patientsOfA, patientsOfB, 50L);
    }

    private static RunContext context(Long patientsOfA, Long patientsOfB, Long allPatients) {
        RunContext ctx = new RunContext(SparkTestSession.get(), Settings.defaults(), "r1", LocalDate.of(2026, 1, 1),
                null, null, null);
        ctx.put(Keys.output(OutputTables.SEGMENT_SUMMARY), Fixtures.table(SUMMARY,
                new Object[] {"lsoa", "L", "a", "all", patientsOfA, 0L, 0L, 0L, 0.0},
                new Object[] {"lsoa", "L", "b", "all", patientsOfB, 0L, 0L, 0L, 0.0},
                new Object[] {"lsoa", "L", "all", "all", allPatients, 0L, 0L, 0L, 0.0}));
        ctx.put(Keys.GEOGRAPHY_MEMBERSHIP, Fixtures.table(MEMBERSHIP, new Object[] {"L", "N", "P", "I"}));
        ctx.put(Keys.DISCLOSURE_STATS, List.of(new TableProtection.MeasureStats("segment_summary", "patients", 3, 1, 0, 1)));
        // The indicators publish L's population (50) as every population-at-T denominator.
        ctx.put(Keys.output(OutputTables.INDICATORS), Fixtures.table(INDICATORS,
                new Object[] {"lsoa", "L", "emergency_admissions", "crude_rate", 0L, 50L},
                new Object[] {"lsoa", "L", "emergency_admissions", "dsr_esp2013", 0L, 50L},
                new Object[] {"lsoa", "L", "prevalence_asthma", "proportion_wilson", 10L, 50L},
                new Object[] {"lsoa", "L", "prevalence_asthma", "sii", null, null}));
        ctx.put(Keys.INDICATOR_DISCLOSURE_STATS, List.of());
        ctx.put(Keys.INDICATOR_CATALOGUE, CATALOGUE);
        return ctx;
    }

    @Test
    void aWithheldCellThePublishedFiguresGiveBackStopsTheRunNamingTheTableNotTheValue() {
        DisclosureAuditException e = assertThrows(DisclosureAuditException.class,
                () -> new AuditDisclosure().run(context(null, 20L)));
        assertTrue(e.getMessage().startsWith("Disclosure audit failed: in segment_summary, 1 withheld patients cell(s) "
                + "of 3 can be worked out exactly"), e.getMessage());
        assertFalse(e.getMessage().contains("30"), "never the value");
    }

    @Test
    void aProtectedTablePassesAndTheAuditTableSaysWhy() {
        StageResult r = new AuditDisclosure().run(context(null, null));
        Dataset<Row> audit = r.outputs().get(OutputTables.DISCLOSURE_AUDIT);
        Map<String, Row> byMeasure = RowAssert.byKey(audit.filter("table_name = 'segment_summary'"), "measure");
        assertEquals(7, audit.count(), "5 measures of segment_summary, 2 of indicators");
        Row patients = byMeasure.get("patients");
        assertEquals("r1", patients.getString(patients.fieldIndex("run_id")));
        assertEquals(3L, patients.getLong(patients.fieldIndex("cells")));
        assertEquals(1L, patients.getLong(patients.fieldIndex("primary_suppressed")));
        assertEquals(1L, patients.getLong(patients.fieldIndex("secondary_suppressed")));
        assertEquals(0L, patients.getLong(patients.fieldIndex("determined_cells")));
        assertEquals("pass", patients.getString(patients.fieldIndex("verdict")));
        assertEquals(0L, audit.filter("verdict <> 'pass'").count());
    }

    /**
     * L's population withheld in segment_summary (with both its segments, so that table alone gives nothing back)
     * but published by the indicators as a denominator: the tables are audited together, so it stops the run.
     */
    @Test
    void aFigureWithheldInOneTableAndPublishedInAnotherStopsTheRun() {
        DisclosureAuditException e = assertThrows(DisclosureAuditException.class,
                () -> new AuditDisclosure().run(context(null, null, null)));
        assertTrue(e.getMessage().startsWith("Disclosure audit failed: in segment_summary, 1 withheld patients cell(s)"),
                e.getMessage());
    }
}
