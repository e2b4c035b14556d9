package uk.nhs.phm.pipeline.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.testing.Fixtures;

class RiskTiersTest {
    private static final StructType SCORED = new StructType().add("person_id", DataTypes.StringType)
            .add("risk_score", DataTypes.DoubleType);

    /**
     * 1,000 people with risk (1000 − i) / 1000 for person i, except that p0004 to p0007 share one risk: by hand, ranks
     * 1–5 are very_high (5 / 1,000 = 0.5%), 6–50 high, 51–200 moderate, the rest low. The tie straddles the
     * very_high boundary and is split by person_id, the same way in every run.
     */
    @Test
    void tiersFollowRankWithTiesBrokenByPersonId() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1000; i >= 1; i--) {
            double risk = i >= 4 && i <= 7 ? 0.9955 : (1001 - i) / 1000.0;
            rows.add(new Object[] {String.format("p%04d", i), risk});
        }
        // Listed lowest risk first: the order rows arrive in must not matter.
        Dataset<Row> tiers = RiskTiers.assign(Fixtures.table(SCORED, rows.toArray(new Object[0][])), "person_id",
                "risk_score", "risk_tier", RiskTiers.DEFAULT_SHARES);
        Map<String, String> byPerson = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Row r : tiers.collectAsList()) {
            byPerson.put(r.getString(0), r.getString(2));
            counts.merge(r.getString(2), 1, Integer::sum);
        }
        assertEquals(Map.of("very_high", 5, "high", 45, "moderate", 150, "low", 800), counts);
        // Risks: p0001 1.0, p0002 0.999, p0003 0.998, then the tie (p0004–p0007 at 0.9955), p0008 0.993.
        assertEquals("very_high", byPerson.get("p0004"));
        assertEquals("very_high", byPerson.get("p0005"));
        assertEquals("high", byPerson.get("p0006"), "same risk as p0005, later person_id: rank 6");
        assertEquals("high", byPerson.get("p0007"));
        assertEquals("high", byPerson.get("p0050"));
        assertEquals("moderate", byPerson.get("p0051"));
        assertEquals("moderate", byPerson.get("p0200"));
        assertEquals("low", byPerson.get("p0201"));
    }

    @Test
    void refusesTheWrongNumberOfShares() {
        assertThrows(IllegalArgumentException.class, () -> RiskTiers.assign(Fixtures.table(SCORED), "person_id",
                "risk_score", "risk_tier", new double[] {0.1}));
    }
}
