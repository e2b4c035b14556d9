package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.output.OutputTables;

/** docs/data-dictionary.md documents every column of every output table, in order, with its real type. */
class DataDictionaryTest {
    private static final Map<String, StructType> TABLES = Map.of(
            "restricted/patient_segments", OutputTables.PATIENT_SEGMENTS,
            "published/segment_summary", OutputTables.SEGMENT_SUMMARY,
            "ops/data_quality", OutputTables.DATA_QUALITY,
            "ops/quarantine_reasons", OutputTables.QUARANTINE_REASONS,
            "ops/unmapped_codes", OutputTables.UNMAPPED_CODES);

    @Test
    void dictionaryMatchesTheOutputSchemas() throws Exception {
        Map<String, List<String>> documented = new LinkedHashMap<>();
        String section = null;
        for (String line : Files.readAllLines(CliRun.HOME.resolve("docs/data-dictionary.md"))) {
            if (line.startsWith("## `")) {
                section = line.substring(4, line.indexOf('`', 4));
                documented.put(section, new ArrayList<>());
            } else if (section != null && line.startsWith("| ") && !line.startsWith("| column") && !line.startsWith("|---")) {
                String[] cells = line.split("\\s*\\|\\s*");
                documented.get(section).add(cells[1] + ":" + cells[2]);
            }
        }
        for (Map.Entry<String, StructType> t : TABLES.entrySet()) {
            List<String> expected = new ArrayList<>();
            for (StructField f : t.getValue().fields()) {
                expected.add(f.name() + ":" + f.dataType().simpleString());
            }
            assertTrue(documented.containsKey(t.getKey()), t.getKey() + " has no section");
            assertEquals(expected, documented.get(t.getKey()), t.getKey());
        }
    }
}
