package uk.nhs.phm.pipeline.validate;

/** What to do with person_ids that pass the NHS-number check (input contract, "person_id"). */
public enum IdentifierPolicy {
    /** Tokens are not 10-digit numbers: a 10-digit value passing modulus 11 is a possible NHS number. */
    QUARANTINE_NHS_LIKE,
    /** Tokens are 10-digit numbers and about 1 in 11 pass by chance: accept them. */
    ACCEPT
}
