package uk.nhs.phm.pipeline.schema;

/** Column names of input contract v1, one constant each; {@link InputTable} declares which table has which. */
public final class InputColumns {
    public static final String PERSON_ID = "person_id";
    // patients
    public static final String YEAR_OF_BIRTH = "year_of_birth";
    public static final String MONTH_OF_BIRTH = "month_of_birth";
    public static final String SEX = "sex";
    public static final String ETHNIC_CATEGORY = "ethnic_category";
    public static final String DATE_OF_DEATH = "date_of_death";
    // registrations, social care, interventions
    public static final String PRACTICE_CODE = "practice_code";
    public static final String START_DATE = "start_date";
    public static final String END_DATE = "end_date";
    public static final String LSOA_CODE = "lsoa_code";
    // gp_events, medications
    public static final String EVENT_DATE = "event_date";
    public static final String ISSUE_DATE = "issue_date";
    public static final String CODE_SYSTEM = "code_system";
    public static final String CODE = "code";
    public static final String VALUE = "value";
    public static final String UNIT = "unit";
    public static final String DESCRIPTION = "description";
    // hospital activity
    public static final String SPELL_ID = "spell_id";
    public static final String PROVIDER_CODE = "provider_code";
    public static final String ADMISSION_DATE = "admission_date";
    public static final String DISCHARGE_DATE = "discharge_date";
    public static final String ADMISSION_METHOD = "admission_method";
    public static final String PRIMARY_DIAGNOSIS = "primary_diagnosis";
    public static final String SECONDARY_DIAGNOSES = "secondary_diagnoses";
    public static final String PRIMARY_PROCEDURE = "primary_procedure";
    public static final String DISCHARGE_DESTINATION = "discharge_destination";
    public static final String COST = "cost";
    public static final String ATTENDANCE_ID = "attendance_id";
    public static final String ARRIVAL_DATE = "arrival_date";
    public static final String DEPARTMENT_TYPE = "department_type";
    public static final String ACUITY = "acuity";
    public static final String DISCHARGE_STATUS = "discharge_status";
    public static final String APPOINTMENT_ID = "appointment_id";
    public static final String APPOINTMENT_DATE = "appointment_date";
    public static final String ATTENDANCE_STATUS = "attendance_status";
    public static final String FIRST_ATTENDANCE = "first_attendance";
    public static final String TREATMENT_FUNCTION_CODE = "treatment_function_code";
    // community, mental health
    public static final String CONTACT_ID = "contact_id";
    public static final String CONTACT_DATE = "contact_date";
    public static final String SERVICE = "service";
    // social care
    public static final String SERVICE_ID = "service_id";
    public static final String SERVICE_TYPE = "service_type";
    public static final String WEEKLY_COST = "weekly_cost";
    // deaths
    public static final String PLACE_OF_DEATH = "place_of_death";
    public static final String UNDERLYING_CAUSE = "underlying_cause";
    // interventions
    public static final String INTERVENTION = "intervention";

    private InputColumns() {
    }
}
