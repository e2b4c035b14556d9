package uk.nhs.phm.pipeline.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/** Typed (Parquet) input columns back to the contract's text form, dates as UK civil dates. */
class RawColumnsTest {
    @Test
    void timestampsBecomeTheUkDateTheyFallOn() {
        StructType schema = new StructType().add("person_id", DataTypes.StringType)
                .add("event_date", DataTypes.TimestampType).add("code", DataTypes.LongType)
                .add("code_system", DataTypes.StringType);
        List<Row> rows = List.of(
                // Midnight BST on 1 June 2026 is 23:00 UTC on 31 May: the record is dated 1 June.
                RowFactory.create("p1", Timestamp.from(Instant.parse("2026-05-31T23:00:00Z")), 44054006L, "snomed"),
                // Midnight GMT in winter is midnight UTC.
                RowFactory.create("p2", Timestamp.from(Instant.parse("2026-01-15T00:00:00Z")), 1L, "snomed"),
                RowFactory.create("p3", null, null, null));
        Row[] text = RawColumns.contractColumns(InputTable.GP_EVENTS,
                RawColumns.asText(SparkTestSession.get().createDataFrame(rows, schema)),
                List.of("person_id", "event_date", "code", "code_system")).orderBy("person_id").collectAsList()
                .toArray(new Row[0]);
        assertEquals("[p1,2026-06-01,snomed,44054006,null,null,null]", text[0].toString());
        assertEquals("[p2,2026-01-15,snomed,1,null,null,null]", text[1].toString());
        assertEquals("[p3,null,null,null,null,null,null]", text[2].toString());
    }

    @Test
    void datesAndTimestampsWithoutZoneKeepTheirOwnDate() {
        StructType schema = new StructType().add("d", DataTypes.DateType).add("ntz", DataTypes.TimestampNTZType);
        Row r = RawColumns.asText(SparkTestSession.get().createDataFrame(List.of(RowFactory.create(
                Date.valueOf("2026-06-01"), LocalDateTime.parse("2026-06-01T00:30:00"))), schema)).first();
        assertEquals("2026-06-01", r.getString(0));
        assertEquals("2026-06-01", r.getString(1));
    }
}
