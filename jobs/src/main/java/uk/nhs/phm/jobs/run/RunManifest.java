package uk.nhs.phm.jobs.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.nhs.phm.jobs.cli.VersionProvider;
import uk.nhs.phm.jobs.io.InputFiles;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/**
 * ops/runs/&lt;run_id&gt;/manifest.json: everything needed to reproduce a published figure (outputs.md):
 * as-of date, configuration (secrets redacted), code-list versions (checksums), input files with sizes and
 * checksums, row counts per stage, output paths and software version. No person-level values.
 */
public final class RunManifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunManifest() {
    }

    public static String json(RunResult r, PhmConfig cfg, Map<String, InputFiles> sources, Instant start, Instant end,
                              long population) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId);
        m.put("status", "published");
        m.put("as_of_date", r.asOf.toString());
        m.put("as_of_source", r.asOfSource);
        m.put("started_at", start.toString());
        m.put("finished_at", end.toString());
        m.put("software_version", VersionProvider.version());
        m.put("spark_version", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        m.put("config", cfg.redacted());
        Map<String, Object> lists = new LinkedHashMap<>();
        for (String key : List.of("codelists.conditions", "codelists.condition_codes", "segments.rules", "cohorts.rules")) {
            Path p = cfg.path(key);
            lists.put(key, Map.of("path", p.toString(), "sha256", Files.isRegularFile(p) ? InputFiles.sha256(p) : ""));
        }
        m.put("code_lists", lists);
        List<Map<String, Object>> inputs = new ArrayList<>();
        sources.forEach((table, files) -> {
            for (Path f : files.files) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("table", table);
                i.put("path", f.toString());
                i.put("format", files.format.name().toLowerCase());
                try {
                    i.put("bytes", Files.size(f));
                } catch (java.io.IOException e) {
                    i.put("bytes", -1);
                }
                i.put("sha256", InputFiles.sha256(f));
                inputs.add(i);
            }
        });
        m.put("inputs", inputs);
        m.put("absent_tables", r.absentTables);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Map.Entry<String, ValidationSummary> e : r.validation.entrySet()) {
            ValidationSummary s = e.getValue();
            counts.put(e.getKey(), Map.of("rows_read", s.rowsRead, "rows_accepted", s.rowsAccepted,
                    "rows_quarantined", s.rowsQuarantined));
        }
        m.put("row_counts", Map.of("inputs", counts, "population_at_as_of", population));
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageMetrics.Stage s : r.stages) {
            stages.add(Map.of("stage", s.name, "wall_ms", s.wallMillis, "rows", s.rows, "peak_heap_bytes", s.peakHeapBytes));
        }
        m.put("stages", stages);
        m.put("outputs", r.outputs);
        return write(m);
    }

    /** ops/runs/latest.json: the successful run with the latest as-of date, so readers need not list folders. */
    public static String latestPointer(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId);
        m.put("as_of_date", r.asOf.toString());
        m.put("manifest", "ops/runs/" + r.runId + "/manifest.json");
        return write(m);
    }

    /** The as-of date a latest.json names, or null when there is none or it cannot be read. */
    public static java.time.LocalDate asOfOfPointer(String json) {
        if (json == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(JSON.readTree(json).get("as_of_date").asText());
        } catch (Exception e) {
            return null;
        }
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the run manifest", e);
        }
    }
}
