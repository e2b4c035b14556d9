package uk.nhs.phm.pipeline.features;

import static uk.nhs.phm.pipeline.testing.Fixtures.table;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.testing.RowAssert;
import uk.nhs.phm.pipeline.testing.TestReference;

class GeographyTest {
    private static final StructType PEOPLE = new StructType()
            .add("person_id", DataTypes.StringType).add("practice_code", DataTypes.StringType)
            .add("lsoa_code_recorded", DataTypes.StringType);

    private static Map<String, Object> expect(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void bothLsoaVintagesMapToLsoa2021PlaceAndBothImdReleases() {
        Dataset<Row> people = table(PEOPLE,
                new Object[] {"unchanged", "A81001", "E01000001"},
                new Object[] {"split_2011", "A81002", "E01000010"},
                new Object[] {"code_2021", "A81001", "E01034474"},
                new Object[] {"messy", "A81001", " e01000001 "},
                new Object[] {"unknown_lsoa", "A81001", "E01999999"},
                new Object[] {"no_lsoa", "Z99999", null});
        Dataset<Row> out = Geography.attach(people, TestReference.referenceData(), 2025);
        Map<String, Map<String, Object>> expected = new HashMap<>();
        expected.put("unchanged", expect("lsoa_code", "E01000001", "place_code", "E09000001", "imd2025_decile", 8,
                "imd2019_decile", 9, "imd_decile", 8, "core20", false, "pcn_code", "U89141", "icb_code", "QHM"));
        // A split 2011 LSOA maps to the lowest-numbered 2021 LSOA it became.
        expected.put("split_2011", expect("lsoa_code", "E01034473", "place_code", "E09000002", "imd2025_decile", 1,
                "imd2019_decile", 3, "core20", true, "pcn_code", "U07032", "lsoa_vintage", "2011"));
        // A 2021 LSOA takes IMD 2019 from the 2011 LSOA it came from.
        expected.put("code_2021", expect("lsoa_code", "E01034474", "imd2025_decile", 3, "imd2019_decile", 3,
                "core20", false, "lsoa_vintage", "2021"));
        expected.put("messy", expect("lsoa_code", "E01000001"));
        expected.put("unknown_lsoa", expect("lsoa_code", null, "place_code", null, "imd_decile", null, "core20", null,
                "pcn_code", "U89141"));
        expected.put("no_lsoa", expect("lsoa_code", null, "pcn_code", null, "icb_code", null));
        RowAssert.assertRows(out, "person_id", expected);

        Dataset<Row> imd2019 = Geography.attach(people, TestReference.referenceData(), 2019);
        RowAssert.assertRows(imd2019, "person_id", Map.of(
                "unchanged", Map.of("imd_decile", 9, "core20", false),
                "split_2011", Map.of("imd_decile", 3, "core20", false)));
    }
}
