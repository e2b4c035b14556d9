package uk.nhs.phm.pipeline.aggregate;

import uk.nhs.phm.pipeline.features.Geography;

/**
 * The published geography levels, each with the person-table columns that give its code and name and the
 * level it nests in (for secondary suppression across the hierarchy). LSOAs nest in Places (both come from
 * the LSOA), PCNs in ICBs (both come from the practice); Places and ICBs nest in the whole extract.
 */
public enum GeographyLevel {
    LSOA("lsoa", Geography.LSOA_CODE, Geography.LSOA_NAME, Geography.PLACE_CODE),
    PCN("pcn", Geography.PCN_CODE, Geography.PCN_NAME, Geography.ICB_CODE),
    PLACE("place", Geography.PLACE_CODE, Geography.PLACE_NAME, null),
    ICB("icb", Geography.ICB_CODE, Geography.ICB_NAME, null);

    /** Code used where a person's geography is not known (no LSOA, or a practice not in the map). */
    public static final String UNKNOWN = "unknown";
    /** Parent code of the top levels: the whole extract. */
    public static final String ALL = "all";

    public final String label;
    public final String codeColumn;
    public final String nameColumn;
    public final String parentCodeColumn;

    GeographyLevel(String label, String codeColumn, String nameColumn, String parentCodeColumn) {
        this.label = label;
        this.codeColumn = codeColumn;
        this.nameColumn = nameColumn;
        this.parentCodeColumn = parentCodeColumn;
    }
}
