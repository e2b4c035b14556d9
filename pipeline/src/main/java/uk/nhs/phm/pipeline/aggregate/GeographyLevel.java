package uk.nhs.phm.pipeline.aggregate;

import uk.nhs.phm.pipeline.features.Geography;

/**
 * The published geography levels, each with the person-table columns that give its code and name. How they add up
 * (LSOAs into Places, PCNs into ICBs, every level into the whole extract) is read from the data for disclosure
 * control (see {@code SegmentSummary.membership}).
 */
public enum GeographyLevel {
    LSOA("lsoa", Geography.LSOA_CODE, Geography.LSOA_NAME),
    PCN("pcn", Geography.PCN_CODE, Geography.PCN_NAME),
    PLACE("place", Geography.PLACE_CODE, Geography.PLACE_NAME),
    ICB("icb", Geography.ICB_CODE, Geography.ICB_NAME);

    /** Code used where a person's geography is not known (no LSOA, or a practice not in the map). */
    public static final String UNKNOWN = "unknown";

    public final String label;
    public final String codeColumn;
    public final String nameColumn;

    GeographyLevel(String label, String codeColumn, String nameColumn) {
        this.label = label;
        this.codeColumn = codeColumn;
        this.nameColumn = nameColumn;
    }
}
