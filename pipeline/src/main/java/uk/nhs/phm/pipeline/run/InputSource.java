package uk.nhs.phm.pipeline.run;

import java.util.Optional;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.RawTable;

/**
 * Where the extract is read from (a port: the edge implements it over Hadoop's FileSystem). A stage asks for a
 * table and gets its raw rows, or nothing when the extract does not supply it.
 */
public interface InputSource {
    /** The extract's location, for messages. */
    String location();

    /** The table's raw rows (every contract column as text), or empty when the table is not in the extract. */
    Optional<RawTable> read(InputTable table);
}
