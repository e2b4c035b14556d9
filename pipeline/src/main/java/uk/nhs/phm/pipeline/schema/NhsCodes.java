package uk.nhs.phm.pipeline.schema;

import java.util.Map;

/**
 * Codes real NHS feeds use for contract values, from the NHS Data Dictionary and the HES data dictionary
 * (shared/external/artificial_hes/hes_apc_metadata.json, fields SEX and ETHNOS). Validation reads them as the
 * contract's letters; the quarantine keeps what was sent.
 */
public final class NhsCodes {
    /**
     * Person stated gender code: 1 male, 2 female, 9 indeterminate; X not known (from 2022-23) and 0 not known
     * (1996-97 to 2022-23).
     */
    public static final Map<String, String> SEX = Map.of("1", "M", "2", "F", "9", "I", "0", "U", "X", "U");

    /**
     * Ethnic category, 1995-96 to 2000-01 numeric codes, to the 2001 letter of the same group: 1 Black Caribbean
     * (M), 2 Black African (N), 3 Black other (P), 4 Indian (H), 5 Pakistani (J), 6 Bangladeshi (K), 7 Chinese
     * (R), 8 any other ethnic group (S), 9 not given (Z). 0 (White, which White group not recorded) becomes C,
     * "any other White background": its ONS group, White, is right, though the letter cannot be. The letters and
     * 99 themselves are the contract's.
     */
    public static final Map<String, String> ETHNIC_CATEGORY = Map.of("0", "C", "1", "M", "2", "N", "3", "P",
            "4", "H", "5", "J", "6", "K", "7", "R", "8", "S", "9", "Z");

    private NhsCodes() {
    }
}
