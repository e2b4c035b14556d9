package uk.nhs.phm.pipeline.synth;

import java.util.List;
import java.util.Set;
import uk.nhs.phm.pipeline.schema.AdmissionMethods;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * The coded values the generator writes, each checked against the input contract ({@link InputTable}'s
 * allowed values, {@link AdmissionMethods}) when the class loads. The generator must only write what
 * validation accepts (bad rows aside): if the contract changes, this fails at once rather than producing
 * an extract the pipeline quarantines.
 */
final class ContractCodes {
    static final String SEX_FEMALE = allowed(InputTable.PATIENTS, "sex", "F");
    static final String SEX_MALE = allowed(InputTable.PATIENTS, "sex", "M");

    static final String SNOMED = allowed(InputTable.GP_EVENTS, "code_system", "snomed");
    static final String READ2 = allowed(InputTable.GP_EVENTS, "code_system", "read2");
    static final String BNF = allowed(InputTable.MEDICATIONS, "code_system", "bnf");

    /** Emergency admission via A&E: the spell comes with a same-day type 01 attendance. */
    static final String ADMITTED_VIA_AE = member(AdmissionMethods.EMERGENCY, "21");
    static final String AE_TYPE_1 = allowed(InputTable.AE_ATTENDANCES, "department_type", "01");

    static final String ATTENDED = allowed(InputTable.OUTPATIENT_APPOINTMENTS, "attendance_status", "attended");
    static final String DID_NOT_ATTEND = allowed(InputTable.OUTPATIENT_APPOINTMENTS, "attendance_status", "dna");
    static final String CANCELLED = allowed(InputTable.OUTPATIENT_APPOINTMENTS, "attendance_status", "cancelled");

    static final String HOME_CARE = service("home_care");
    static final String RESIDENTIAL = service("residential");
    static final String NURSING = service("nursing");
    static final String REABLEMENT = service("reablement");
    static final String DAY_CARE = service("day_care");
    static final String DIRECT_PAYMENT = service("direct_payment");
    static final String OTHER_SERVICE = service("other");

    private ContractCodes() {
    }

    /** The contract's allowed values of a coded column. */
    static Set<String> allowedValues(InputTable table, String column) {
        ColumnSpec spec = table.column(column).orElseThrow(() -> new IllegalStateException(
                "input contract table " + table.tableName + " has no column " + column));
        if (spec.allowed == null) {
            throw new IllegalStateException("input contract column " + table.tableName + "." + column
                    + " has no list of allowed values");
        }
        return spec.allowed;
    }

    /** Index of a column in the contract's column order, failing clearly if the contract has no such column. */
    static int columnIndex(InputTable table, String column) {
        int i = table.columnNames().indexOf(column);
        if (i < 0) {
            throw new IllegalStateException("input contract table " + table.tableName + " has no column " + column);
        }
        return i;
    }

    private static String allowed(InputTable table, String column, String value) {
        if (!allowedValues(table, column).contains(value)) {
            throw new IllegalStateException("the generator writes " + table.tableName + "." + column + " = '"
                    + value + "', which input contract v1 does not allow");
        }
        return value;
    }

    private static String member(List<String> codes, String value) {
        if (!codes.contains(value)) {
            throw new IllegalStateException("admission method " + value + " is not in " + codes);
        }
        return value;
    }

    private static String service(String type) {
        return allowed(InputTable.SOCIAL_CARE_SERVICES, "service_type", type);
    }
}
