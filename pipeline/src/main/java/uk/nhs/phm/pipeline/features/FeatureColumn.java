package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/** One feature column a family adds: its name, type and the value of a person without any record. */
public final class FeatureColumn implements Serializable {
    public final String name;
    public final DataType type;
    /** The value for a person without records (or when the source is absent); null = stays null. */
    public final transient Column whenNoRecord;

    public FeatureColumn(String name, DataType type, Column whenNoRecord) {
        this.name = name;
        this.type = type;
        this.whenNoRecord = whenNoRecord;
    }

    /** A column with no default: null when the family has nothing to say about the person. */
    public static FeatureColumn nullable(String name, DataType type) {
        return new FeatureColumn(name, type, null);
    }

    /** Replaces the nulls of columns with a default (no record in that source, or the source absent). */
    public static Dataset<Row> fillDefaults(Dataset<Row> df, List<FeatureColumn> columns) {
        Map<String, FeatureColumn> byName = columns.stream().filter(c -> c.whenNoRecord != null)
                .collect(Collectors.toMap(c -> c.name, Function.identity()));
        List<Column> out = new ArrayList<>();
        for (String c : df.columns()) {
            FeatureColumn f = byName.get(c);
            out.add(f == null ? col(c) : coalesce(col(c), f.whenNoRecord).alias(c));
        }
        return df.select(out.toArray(new Column[0]));
    }
}
