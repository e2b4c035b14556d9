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
    PATIENTS("patients", true, InputColumns.PERSON_ID, null, null, List.of(
            req(InputColumns.PERSON_ID, STRING),
            req(InputColumns.YEAR_OF_BIRTH, INT),
            opt(InputColumns.MONTH_OF_BIRTH, INT),
            req(InputColumns.SEX, List.of("F", "M", "I", "U")).withSynonyms(NhsCodes.SEX),
            opt(InputColumns.ETHNIC_CATEGORY, ethnicCategories()).withSynonyms(NhsCodes.ETHNIC_CATEGORY),
            opt(InputColumns.DATE_OF_DEATH, DATE))),
    REGISTRATIONS("registrations", true, null, InputColumns.START_DATE, InputColumns.END_DATE, List.of(
            req(InputColumns.PERSON_ID, STRING),
            req(InputColumns.PRACTICE_CODE, STRING),
            req(InputColumns.START_DATE, DATE),
            opt(InputColumns.END_DATE, DATE),
            opt(InputColumns.LSOA_CODE, STRING))),
    GP_EVENTS("gp_events", false, null, null, null, List.of(
            req(InputColumns.PERSON_ID, STRING),
            req(InputColumns.EVENT_DATE, DATE),
            req(InputColumns.CODE_SYSTEM, List.of("snomed", "ctv3", "read2", "icd10")),
            req(InputColumns.CODE, STRING),
            opt(InputColumns.VALUE, DECIMAL),
            opt(InputColumns.UNIT, STRING))),
    MEDICATIONS("medications", false, null, null, null, List.of(
            req(InputColumns.PERSON_ID, STRING),
            req(InputColumns.ISSUE_DATE, DATE),
            req(InputColumns.CODE_SYSTEM, List.of("dmd", "bnf", "snomed")),
            req(InputColumns.CODE, STRING),
            opt(InputColumns.DESCRIPTION, STRING))),
    INPATIENT_SPELLS("inpatient_spells", false, InputColumns.SPELL_ID, InputColumns.ADMISSION_DATE, InputColumns.DISCHARGE_DATE, List.of(
            req(InputColumns.SPELL_ID, STRING),
            req(InputColumns.PERSON_ID, STRING),
            opt(InputColumns.PROVIDER_CODE, STRING),
            req(InputColumns.ADMISSION_DATE, DATE),
            opt(InputColumns.DISCHARGE_DATE, DATE),
            req(InputColumns.ADMISSION_METHOD, AdmissionMethods.ALL),
            opt(InputColumns.PRIMARY_DIAGNOSIS, STRING),
            opt(InputColumns.SECONDARY_DIAGNOSES, STRING),
            opt(InputColumns.PRIMARY_PROCEDURE, STRING),
            opt(InputColumns.DISCHARGE_DESTINATION, STRING),
            opt(InputColumns.COST, DECIMAL))),
    AE_ATTENDANCES("ae_attendances", false, InputColumns.ATTENDANCE_ID, null, null, List.of(
            req(InputColumns.ATTENDANCE_ID, STRING),
            req(InputColumns.PERSON_ID, STRING),
            opt(InputColumns.PROVIDER_CODE, STRING),
            req(InputColumns.ARRIVAL_DATE, DATE),
            opt(InputColumns.DEPARTMENT_TYPE, List.of("01", "02", "03", "04", "05")),
            opt(InputColumns.ACUITY, STRING),
            opt(InputColumns.DISCHARGE_STATUS, STRING),
            opt(InputColumns.COST, DECIMAL))),
    OUTPATIENT_APPOINTMENTS("outpatient_appointments", false, InputColumns.APPOINTMENT_ID, null, null, List.of(
            req(InputColumns.APPOINTMENT_ID, STRING),
            req(InputColumns.PERSON_ID, STRING),
            opt(InputColumns.PROVIDER_CODE, STRING),
            req(InputColumns.APPOINTMENT_DATE, DATE),
            req(InputColumns.ATTENDANCE_STATUS, List.of("attended", "dna", "cancelled")),
            opt(InputColumns.FIRST_ATTENDANCE, BOOLEAN),
            opt(InputColumns.TREATMENT_FUNCTION_CODE, STRING),
            opt(InputColumns.COST, DECIMAL))),
    COMMUNITY_CONTACTS("community_contacts", false, InputColumns.CONTACT_ID, null, null, contactColumns()),
    MENTAL_HEALTH_CONTACTS("mental_health_contacts", false, InputColumns.CONTACT_ID, null, null, contactColumns()),
    SOCIAL_CARE_SERVICES("social_care_services", false, InputColumns.SERVICE_ID, InputColumns.START_DATE, InputColumns.END_DATE, List.of(
            req(InputColumns.SERVICE_ID, STRING),
            req(InputColumns.PERSON_ID, STRING),
            req(InputColumns.SERVICE_TYPE, List.of("home_care", "residential", "nursing", "reablement", "day_care",
                    "direct_payment", "other")),
            req(InputColumns.START_DATE, DATE),
            opt(InputColumns.END_DATE, DATE),
            opt(InputColumns.WEEKLY_COST, DECIMAL))),
    DEATHS("deaths", false, InputColumns.PERSON_ID, null, null, List.of(
            req(InputColumns.PERSON_ID, STRING),
            req(InputColumns.DATE_OF_DEATH, DATE),
            opt(InputColumns.PLACE_OF_DEATH, List.of("home", "hospital", "care_home", "hospice", "other")),
            opt(InputColumns.UNDERLYING_CAUSE, STRING))),
    INTERVENTIONS("interventions", false, null, InputColumns.START_DATE, InputColumns.END_DATE, List.of(
            req(InputColumns.PERSON_ID, STRING),
            req(InputColumns.INTERVENTION, STRING),
            req(InputColumns.START_DATE, DATE),
            opt(InputColumns.END_DATE, DATE),
            opt(InputColumns.PROVIDER_CODE, STRING)));

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
                req(InputColumns.CONTACT_ID, STRING),
                req(InputColumns.PERSON_ID, STRING),
                req(InputColumns.CONTACT_DATE, DATE),
                opt(InputColumns.SERVICE, STRING),
                opt(InputColumns.COST, DECIMAL));
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
