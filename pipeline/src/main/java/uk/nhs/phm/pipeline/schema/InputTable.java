package uk.nhs.phm.pipeline.schema;

import static uk.nhs.phm.pipeline.schema.ColumnSpec.Kind.BOOLEAN;
import static uk.nhs.phm.pipeline.schema.ColumnSpec.Kind.DATE;
import static uk.nhs.phm.pipeline.schema.ColumnSpec.Kind.DECIMAL;
import static uk.nhs.phm.pipeline.schema.ColumnSpec.Kind.INT;
import static uk.nhs.phm.pipeline.schema.ColumnSpec.Kind.STRING;
import static uk.nhs.phm.pipeline.schema.ColumnSpec.opt;
import static uk.nhs.phm.pipeline.schema.ColumnSpec.req;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables of input contract v1 ({@code shared/spec/input-contract.md}), as code: column order,
 * types, required columns, allowed values, primary key and start/end date pairs.
 */
public enum InputTable {
    PATIENTS("patients", true, Cols.PERSON_ID, null, null, List.of(
            req(Cols.PERSON_ID, STRING),
            req("year_of_birth", INT),
            opt("month_of_birth", INT),
            req("sex", List.of("F", "M", "I", "U")),
            opt("ethnic_category", ethnicCategories()),
            opt("date_of_death", DATE))),
    REGISTRATIONS("registrations", true, null, "start_date", "end_date", List.of(
            req(Cols.PERSON_ID, STRING),
            req("practice_code", STRING),
            req("start_date", DATE),
            opt("end_date", DATE),
            opt("lsoa_code", STRING))),
    GP_EVENTS("gp_events", false, null, null, null, List.of(
            req(Cols.PERSON_ID, STRING),
            req("event_date", DATE),
            req("code_system", List.of("snomed", "ctv3", "read2", "icd10")),
            req("code", STRING),
            opt("value", DECIMAL),
            opt("unit", STRING))),
    MEDICATIONS("medications", false, null, null, null, List.of(
            req(Cols.PERSON_ID, STRING),
            req("issue_date", DATE),
            req("code_system", List.of("dmd", "bnf", "snomed")),
            req("code", STRING),
            opt("description", STRING))),
    INPATIENT_SPELLS("inpatient_spells", false, "spell_id", "admission_date", "discharge_date", List.of(
            req("spell_id", STRING),
            req(Cols.PERSON_ID, STRING),
            opt("provider_code", STRING),
            req("admission_date", DATE),
            opt("discharge_date", DATE),
            req("admission_method", AdmissionMethods.ALL),
            opt("primary_diagnosis", STRING),
            opt("secondary_diagnoses", STRING),
            opt("primary_procedure", STRING),
            opt("discharge_destination", STRING),
            opt("cost", DECIMAL))),
    AE_ATTENDANCES("ae_attendances", false, "attendance_id", null, null, List.of(
            req("attendance_id", STRING),
            req(Cols.PERSON_ID, STRING),
            opt("provider_code", STRING),
            req("arrival_date", DATE),
            opt("department_type", List.of("01", "02", "03", "04", "05")),
            opt("acuity", STRING),
            opt("discharge_status", STRING),
            opt("cost", DECIMAL))),
    OUTPATIENT_APPOINTMENTS("outpatient_appointments", false, "appointment_id", null, null, List.of(
            req("appointment_id", STRING),
            req(Cols.PERSON_ID, STRING),
            opt("provider_code", STRING),
            req("appointment_date", DATE),
            req("attendance_status", List.of("attended", "dna", "cancelled")),
            opt("first_attendance", BOOLEAN),
            opt("treatment_function_code", STRING),
            opt("cost", DECIMAL))),
    COMMUNITY_CONTACTS("community_contacts", false, "contact_id", null, null, contactColumns()),
    MENTAL_HEALTH_CONTACTS("mental_health_contacts", false, "contact_id", null, null, contactColumns()),
    SOCIAL_CARE_SERVICES("social_care_services", false, "service_id", "start_date", "end_date", List.of(
            req("service_id", STRING),
            req(Cols.PERSON_ID, STRING),
            req("service_type", List.of("home_care", "residential", "nursing", "reablement", "day_care",
                    "direct_payment", "other")),
            req("start_date", DATE),
            opt("end_date", DATE),
            opt("weekly_cost", DECIMAL))),
    DEATHS("deaths", false, Cols.PERSON_ID, null, null, List.of(
            req(Cols.PERSON_ID, STRING),
            req("date_of_death", DATE),
            opt("place_of_death", List.of("home", "hospital", "care_home", "hospice", "other")),
            opt("underlying_cause", STRING))),
    INTERVENTIONS("interventions", false, null, "start_date", "end_date", List.of(
            req(Cols.PERSON_ID, STRING),
            req("intervention", STRING),
            req("start_date", DATE),
            opt("end_date", DATE),
            opt("provider_code", STRING)));

    /** Column names shared by several tables. */
    public static final class Cols {
        public static final String PERSON_ID = "person_id";

        private Cols() {
        }
    }

    /** Columns that name direct identifiers: a file carrying one is refused, never read. */
    public static final List<String> DIRECT_IDENTIFIER_COLUMNS =
            List.of("nhs_number", "name", "forename", "surname", "date_of_birth", "postcode", "address");

    public final String tableName;
    public final boolean required;
    /** Primary key column, or null where the table has none. */
    public final String primaryKey;
    /** Start and end date columns checked for end-before-start, or null. */
    public final String startColumn;
    public final String endColumn;
    public final List<ColumnSpec> columns;

    InputTable(String tableName, boolean required, String primaryKey, String startColumn, String endColumn,
               List<ColumnSpec> columns) {
        this.tableName = tableName;
        this.required = required;
        this.primaryKey = primaryKey;
        this.startColumn = startColumn;
        this.endColumn = endColumn;
        this.columns = columns;
    }

    /** The typed schema of accepted rows. */
    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (ColumnSpec c : columns) {
            fields.add(DataTypes.createStructField(c.name, c.kind.sparkType, true));
        }
        return DataTypes.createStructType(fields);
    }

    public List<String> columnNames() {
        return columns.stream().map(c -> c.name).toList();
    }

    public List<ColumnSpec> requiredColumns() {
        return columns.stream().filter(c -> c.required).toList();
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name.equals(name)).findFirst();
    }

    public static Optional<InputTable> byName(String name) {
        for (InputTable t : values()) {
            if (t.tableName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static List<ColumnSpec> contactColumns() {
        return List.of(
                req("contact_id", STRING),
                req(Cols.PERSON_ID, STRING),
                req("contact_date", DATE),
                opt("service", STRING),
                opt("cost", DECIMAL));
    }

    private static List<String> ethnicCategories() {
        List<String> codes = new ArrayList<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            codes.add(String.valueOf(c));
        }
        codes.add("99");
        return codes;
    }
}
