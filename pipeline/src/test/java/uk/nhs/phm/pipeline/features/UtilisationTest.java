package uk.nhs.phm.pipeline.features;

import static uk.nhs.phm.pipeline.testing.Fixtures.row;
import static uk.nhs.phm.pipeline.testing.Fixtures.typed;

import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.RowAssert;

class UtilisationTest {
    private static final FeatureSettings T = FeatureSettings.defaults(LocalDate.of(2026, 3, 31));

    @Test
    void twelveMonthCountsBedDaysAndCostsByHand() {
        Dataset<Row> spells = typed(InputTable.INPATIENT_SPELLS,
                // emergency, 4 bed days, in window
                row("s1", "p", null, "2025-06-01", "2025-06-05", "21", null, null, null, null, "2000"),
                // emergency on the day the window opens: not an admission in (T-365, T], but its 2 days
                // (midnights of 1 and 2 April) fall inside the window; its cost belongs to the earlier year
                row("s2", "p", null, "2025-03-31", "2025-04-02", "21", null, null, null, null, "1000"),
                // elective still in hospital at T: bed days up to T only (2026-03-28 -> 31 = 3); no cost until
                // discharge, so a rerun for this T after the discharge gives the same cost
                row("s3", "p", null, "2026-03-28", null, "11", null, null, null, null, "500"),
                // discharged after T: counted up to T (2026-03-30 -> 31 = 1); its cost is not known at T
                row("s4", "p", null, "2026-03-30", "2026-04-10", "2A", null, null, null, null, "800"),
                // a long stay from before the window: 2025-03-31 -> 2025-04-30 inside it = 30 days
                row("s6", "p", null, "2025-01-01", "2025-04-30", "21", null, null, null, null, "7000"),
                // after T: invisible
                row("s5", "p", null, "2026-04-01", "2026-04-02", "21", null, null, null, null, "9999"));
        Dataset<Row> ae = typed(InputTable.AE_ATTENDANCES,
                row("a1", "p", null, "2026-03-31", "01", null, null, "150"),
                row("a2", "p", null, "2025-03-31", "01", null, null, "150"));
        Dataset<Row> op = typed(InputTable.OUTPATIENT_APPOINTMENTS,
                row("o1", "p", null, "2025-10-01", "attended", "true", "100", "120"),
                row("o2", "p", null, "2025-11-01", "dna", "false", "100", "120"));
        Dataset<Row> social = typed(InputTable.SOCIAL_CARE_SERVICES,
                // 70 days inside the window at £700/week = £7,000
                row("c1", "p", "home_care", "2026-01-20", null, "700"),
                // started before the window, ended inside it: 2025-03-31 -> 2025-04-14 = 14 days, £100/week = £200
                row("c2", "p", "day_care", "2025-01-01", "2025-04-14", "100"));
        Map<String, Dataset<Row>> bySource = Utilisation.bySource(spells, ae, op, typed(InputTable.COMMUNITY_CONTACTS),
                typed(InputTable.MENTAL_HEALTH_CONTACTS), social, T);
        RowAssert.assertRows(bySource.get("inpatient_spells"), "person_id", Map.of("p", Map.of(
                "nel_admissions_12m", 2L, "elective_admissions_12m", 1L, "bed_days_12m", 40L,
                "inpatient_cost_12m", 2000.0)));
        RowAssert.assertRows(bySource.get("ae_attendances"), "person_id", Map.of("p", Map.of(
                "ae_attendances_12m", 1L, "ae_cost_12m", 150.0)));
        RowAssert.assertRows(bySource.get("outpatient_appointments"), "person_id", Map.of("p", Map.of(
                "op_attendances_12m", 1L, "op_dna_12m", 1L, "op_cost_12m", 120.0)));
        RowAssert.assertRows(bySource.get("social_care_services"), "person_id", Map.of("p", Map.of(
                "social_care_services_12m", 2L, "social_care_cost_12m", 7200.0)));
    }
}
