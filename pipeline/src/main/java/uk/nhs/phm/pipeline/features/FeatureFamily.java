package uk.nhs.phm.pipeline.features;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A family of person-level features computed together from the same sources (geography, conditions,
 * utilisation, eFI; next Charlson, CMMS, risk). It declares the columns it adds, with types and the value of a
 * person without records, and adds them to the people at T. {@link PersonFeatures} checks that what a family
 * adds is exactly what it declares, so a family and its declaration cannot drift.
 */
public interface FeatureFamily {
    String name();

    /** The columns {@link #addTo} adds, in order. */
    List<FeatureColumn> columns();

    /** The people at T (one row each) with this family's columns added; point-in-time: nothing after T read. */
    Dataset<Row> addTo(Dataset<Row> people, FeatureInputs in);
}
