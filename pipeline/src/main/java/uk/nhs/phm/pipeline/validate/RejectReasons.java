package uk.nhs.phm.pipeline.validate;

/** Reject reasons written to {@code reject_reason}; each names the rule and, where there is one, the column. */
public final class RejectReasons {
    public static final String MALFORMED_ROW = "malformed_row";
    public static final String MISSING_REQUIRED = "missing_required_value:";
    public static final String UNPARSEABLE = "unparseable_";
    public static final String INVALID_CODE = "invalid_code:";
    public static final String OUT_OF_RANGE = "out_of_range:";
    public static final String DATE_BEFORE_1900 = "date_before_1900:";
    public static final String DATE_IN_FUTURE = "date_in_future:";
    public static final String END_BEFORE_START = "end_before_start:";
    public static final String POSSIBLE_NHS_NUMBER = "possible_nhs_number:person_id";
    public static final String DUPLICATE_KEY = "duplicate_key:";
    public static final String ORPHAN = "orphan_person_id";

    private RejectReasons() {
    }
}
