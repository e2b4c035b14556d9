package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.phm.pipeline.testing.Fixtures.row;
import static uk.nhs.phm.pipeline.testing.Fixtures.typed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.SparkTestSession;
import uk.nhs.phm.pipeline.testing.TestReference;

/**
 * Feature families declare their columns; what a family adds must be what it declares. Absent optional tables
 * are empty typed tables, so a person with no records anywhere still gets every family's defaults.
 */
class PersonFeaturesTest {
    private static final LocalDate T = LocalDate.of(2026, 3, 31);

    private static FeatureInputs onlyPatientsAndRegistrations() {
        InputData data = new InputData(SparkTestSession.get())
                .with(InputTable.PATIENTS, typed(InputTable.PATIENTS, row("p1", "1950", "4", "F", "A", null)))
                .with(InputTable.REGISTRATIONS, typed(InputTable.REGISTRATIONS,
                        row("p1", "A81001", "2010-01-01", null, "E01000001")));
        return new FeatureInputs(data, TestReference.referenceData(), TestReference.codeLists(),
                TestReference.efiDeficits(), TestReference.scoreLists(), FeatureSettings.defaults(T));
    }

    @Test
    void withOnlyTheRequiredTablesEveryFamilyGivesItsDefaults() {
        FeatureInputs in = onlyPatientsAndRegistrations();
        Row p = PersonFeatures.build(in).collectAsList().get(0);
        List<String> declared = new ArrayList<>();
        Population.COLUMNS.forEach(c -> declared.add(c.name));
        PersonFeatures.families(in).forEach(f -> f.columns().forEach(c -> declared.add(c.name)));
        declared.add("as_of_date");
        assertEquals(declared.stream().sorted().toList(), List.of(p.schema().fieldNames()).stream().sorted().toList());
        assertEquals(0L, (long) p.getAs(Utilisation.NEL_ADMISSIONS_12M));
        assertEquals(0.0, (double) p.getAs(Utilisation.COST_12M));
        assertEquals(0, (int) p.getAs(Conditions.LTC_COUNT));
        assertEquals(false, p.getAs(Conditions.PREFIX + "dementia"));
        assertEquals(false, p.getAs(Utilisation.MATERNITY_12M));
        assertEquals("E01000001", p.getAs(Geography.LSOA_CODE));
        assertEquals(0.0, (double) p.getAs(Frailty.EFI), "76 at T with no deficits: eFI 0");
        assertEquals("fit", p.getAs(Frailty.EFI_CATEGORY));
        assertEquals(0, (int) p.getAs(CharlsonScore.CHARLSON), "no diagnoses: 0, not null");
        assertEquals(0.0, (double) p.getAs(CambridgeMultimorbidityScore.CMMS), "no conditions: 0, not null");
    }

    @Test
    void aFamilyThatAddsAColumnItDoesNotDeclareIsRefused() {
        FeatureFamily sloppy = new FeatureFamily() {
            public String name() {
                return "sloppy";
            }

            public List<FeatureColumn> columns() {
                return List.of(FeatureColumn.nullable("declared", DataTypes.IntegerType));
            }

            public Dataset<Row> addTo(Dataset<Row> people, FeatureInputs in) {
                return people.withColumn("declared", lit(1L)).withColumn("surprise", lit(true));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PersonFeatures.build(onlyPatientsAndRegistrations(), List.of(sloppy)));
        assertEquals("Feature family sloppy does not match its declaration: [declared is bigint, declared int, "
                + "surprise added but not declared]", e.getMessage());
    }
}
