package uk.nhs.phm.pipeline.synth;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Emission: turns what the models decided into rows of the input contract, in the contract's column order,
 * with record keys as source systems issue them (a prefix and a zero-padded sequence number). Rows go
 * through the {@link RowEmitter}, which spoils a share of them into deliberately bad rows.
 */
final class RecordWriter {
    /**
     * The column order the methods below fill their rows in. Checked against the contract when the class
     * loads, so a renamed or reordered contract column fails at once instead of shifting values.
     */
    private static final Map<InputTable, List<String>> COLUMNS = new EnumMap<>(InputTable.class);

    static {
        String pid = InputColumns.PERSON_ID;
        COLUMNS.put(InputTable.PATIENTS, List.of(pid, "year_of_birth", "month_of_birth", "sex", "ethnic_category",
                "date_of_death"));
        COLUMNS.put(InputTable.REGISTRATIONS, List.of(pid, "practice_code", "start_date", "end_date", "lsoa_code"));
        COLUMNS.put(InputTable.GP_EVENTS, List.of(pid, "event_date", "code_system", "code", "value", "unit"));
        COLUMNS.put(InputTable.MEDICATIONS, List.of(pid, "issue_date", "code_system", "code", "description"));
        COLUMNS.put(InputTable.INPATIENT_SPELLS, List.of("spell_id", pid, "provider_code", "admission_date",
                "discharge_date", "admission_method", "primary_diagnosis", "secondary_diagnoses", "primary_procedure",
                "discharge_destination", "cost"));
        COLUMNS.put(InputTable.AE_ATTENDANCES, List.of("attendance_id", pid, "provider_code", "arrival_date",
                "department_type", "acuity", "discharge_status", "cost"));
        COLUMNS.put(InputTable.OUTPATIENT_APPOINTMENTS, List.of("appointment_id", pid, "provider_code",
                "appointment_date", "attendance_status", "first_attendance", "treatment_function_code", "cost"));
        COLUMNS.put(InputTable.COMMUNITY_CONTACTS, List.of("contact_id", pid, "contact_date", "service", "cost"));
        COLUMNS.put(InputTable.MENTAL_HEALTH_CONTACTS, List.of("contact_id", pid, "contact_date", "service", "cost"));
        COLUMNS.put(InputTable.SOCIAL_CARE_SERVICES, List.of("service_id", pid, "service_type", "start_date",
                "end_date", "weekly_cost"));
        COLUMNS.put(InputTable.DEATHS, List.of(pid, "date_of_death", "place_of_death", "underlying_cause"));
        COLUMNS.put(InputTable.INTERVENTIONS, List.of(pid, "intervention", "start_date", "end_date", "provider_code"));
        for (InputTable t : InputTable.values()) {
            if (!t.columnNames().equals(COLUMNS.get(t))) {
                throw new IllegalStateException("the generator writes " + t.tableName + " as " + COLUMNS.get(t)
                        + " but input contract v1 has " + t.columnNames());
            }
        }
    }

    private final RowEmitter out;
    private final int endDay;
    private final Set<Long> nhsNumberPeople = new HashSet<>();

    private long spellSeq;
    private long aeSeq;
    private long opSeq;
    private long communitySeq;
    private long mentalHealthSeq;
    private long socialCareSeq;

    RecordWriter(TableSink sink, GeneratorSettings settings, int endDay, PersonTokens tokens) {
        this.endDay = endDay;
        RowEmitter.Rates rates = settings.rates.badRows;
        this.out = new RowEmitter(sink, settings.seed, settings.badRowShare, endDay, tokens, rates);
        // A couple of NHS numbers per extract, a few more in big ones: rare, as in real leaks.
        int nhs = settings.badRowShare > 0
                ? rates.nhsNumbersPerExtract + settings.patients / rates.peoplePerExtraNhsNumber : 0;
        for (int i = 0; i < nhs; i++) {
            nhsNumberPeople.add((long) ((i + 0.5) * settings.patients / nhs));
        }
    }

    /** Whether person {@code index} is one whose first GP event carries an NHS number (a bad row). */
    boolean leaksNhsNumber(long index) {
        return nhsNumberPeople.contains(index);
    }

    Map<InputTable, Long> rows() {
        return out.rows();
    }

    Map<InputTable, Long> badRows() {
        return out.badRows();
    }

    void patient(Person p, int yearOfBirth, String monthOfBirth, String ethnic, String dateOfDeath) {
        out.emit(InputTable.PATIENTS, new String[] {
            p.id, Integer.toString(yearOfBirth), monthOfBirth, p.sexCode, ethnic, dateOfDeath});
    }

    /** A registration period; an end after the end date is written as open (no end date). */
    void registration(Person p, String practice, int start, int end, String lsoaCode) {
        out.emit(InputTable.REGISTRATIONS, new String[] {
            p.id, practice, Days.iso(start), end > endDay ? null : Days.iso(end), lsoaCode});
    }

    void gpEvent(Person p, int day, String system, String code, String value, String unit) {
        String[] row = {p.id, Days.iso(day), system, code, value, unit};
        if (p.nhsLeak) {
            p.nhsLeak = false;
            out.emitWithNhsNumber(InputTable.GP_EVENTS, row);
        } else {
            out.emit(InputTable.GP_EVENTS, row);
        }
    }

    void medication(Person p, int day, ClinicalCatalogue.Drug d) {
        out.emit(InputTable.MEDICATIONS, new String[] {p.id, Days.iso(day), ContractCodes.BNF, d.bnf, d.name});
    }

    void spell(Person p, String provider, int admit, String discharge, String method, String primary,
               String secondary, String procedure, String destination, double cost) {
        out.emit(InputTable.INPATIENT_SPELLS, new String[] {
            id("APC", ++spellSeq), p.id, provider, Days.iso(admit), discharge, method,
            primary, secondary, procedure, destination, Days.decimal2(cost)});
    }

    void aeAttendance(Person p, String provider, int day, String type, int acuity, String status, double cost) {
        out.emit(InputTable.AE_ATTENDANCES, new String[] {
            id("AE", ++aeSeq), p.id, provider,
            Days.iso(day), type, Integer.toString(acuity), status, Days.decimal2(cost)});
    }

    void outpatient(Person p, String provider, int day, String status, boolean first, String treatmentFunction,
                    String cost) {
        out.emit(InputTable.OUTPATIENT_APPOINTMENTS, new String[] {
            id("OP", ++opSeq), p.id, provider, Days.iso(day), status, first ? "true" : "false", treatmentFunction,
            cost});
    }

    void community(Person p, int day, String service, double cost) {
        out.emit(InputTable.COMMUNITY_CONTACTS, new String[] {
            id("CC", ++communitySeq), p.id, Days.iso(day), service, Days.decimal2(cost)});
    }

    void mentalHealth(Person p, int day, String service, double cost) {
        out.emit(InputTable.MENTAL_HEALTH_CONTACTS, new String[] {
            id("MH", ++mentalHealthSeq), p.id, Days.iso(day), service, Days.decimal2(cost)});
    }

    void socialCare(Person p, String type, int start, String end, double weekly) {
        out.emit(InputTable.SOCIAL_CARE_SERVICES, new String[] {
            id("SC", ++socialCareSeq), p.id, type, Days.iso(start), end, Days.decimal2(weekly)});
    }

    void intervention(Person p, String kind, int start, String end, String provider) {
        out.emit(InputTable.INTERVENTIONS, new String[] {p.id, kind, Days.iso(start), end, provider});
    }

    void death(Person p, String place, String cause) {
        out.emit(InputTable.DEATHS, new String[] {p.id, Days.iso(p.deathDay), place, cause});
    }

    /** Record keys as source systems issue them: a prefix and a zero-padded sequence number. */
    private static String id(String prefix, long seq) {
        String digits = Long.toString(seq);
        StringBuilder sb = new StringBuilder(prefix.length() + 10).append(prefix);
        for (int i = digits.length(); i < 10; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }
}
