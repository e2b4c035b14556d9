package uk.nhs.phm.jobs.cli;

import java.util.Locale;
import uk.nhs.phm.pipeline.quality.DataQualityGates;
import java.util.Map;
import uk.nhs.phm.jobs.run.RunResult;
import uk.nhs.phm.pipeline.aggregate.SegmentSummary;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/** The one-screen texts printed after a run or a validation. Counts only; no person-level values. */
final class RunReport {
    private RunReport() {
    }

    static String dataQuality(RunResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.UK, "Data quality (run %s; a run would use as-of date %s, %s)%n", r.runId,
                r.asOf.date, r.asOf.source));
        b.append(String.format(Locale.UK, "  %-26s %12s %12s %12s%n", "table", "read", "accepted", "quarantined"));
        for (Map.Entry<String, ValidationSummary> e : r.validation.entrySet()) {
            ValidationSummary s = e.getValue();
            b.append(String.format(Locale.UK, "  %-26s %,12d %,12d %,12d%n", e.getKey(), s.rowsRead, s.rowsAccepted,
                    s.rowsQuarantined));
            s.reasons.forEach((reason, n) -> b.append(String.format(Locale.UK, "      %-50s %,10d%n", reason, n)));
        }
        for (String t : r.absentTables) {
            b.append(String.format(Locale.UK, "  %-26s %12s%n", t, "absent"));
        }
        r.extraColumns.forEach((t, cols) -> b.append(String.format("  %s: extra columns ignored: %s%n", t, cols)));
        b.append(gates(r));
        return b.toString();
    }

    /** One line per data-quality gate: passed or breached, and what was measured. */
    static String gates(RunResult r) {
        StringBuilder b = new StringBuilder();
        if (!r.gates.isEmpty()) {
            b.append("Data-quality gates (a breach stops phm run before it publishes; exit code 4):\n");
            for (DataQualityGates.Verdict v : r.gates) {
                b.append("  ").append(v.passed() ? "passed    " : "BREACHED  ").append(v.message()).append('\n');
            }
        }
        return b.toString();
    }

    static String runSummary(RunResult r, String output) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.UK, "%nphm run %s finished in %.1f s%n", r.runId, r.wallMillis / 1000.0));
        b.append(String.format(Locale.UK, "As-of date T: %s (%s)%n", r.asOf.date, r.asOf.source));
        // The published total, like the segments: a population too small to publish is "suppressed", never 0.
        boolean populationSuppressed = r.segmentMix.containsKey(SegmentSummary.ALL_SEGMENTS)
                && r.segmentMix.get(SegmentSummary.ALL_SEGMENTS) == null;
        b.append(String.format(Locale.UK, "Population at T: %s (published figures: rounded to 5, 1-7 suppressed)%n",
                populationSuppressed ? "suppressed" : String.format(Locale.UK, "%,d", r.population)));
        b.append("Segment mix:\n");
        long total = Math.max(1, r.population);
        r.segmentMix.forEach((segment, n) -> {
            if (segment.equals(SegmentSummary.ALL_SEGMENTS)) {
                return;
            }
            if (n == null) {
                b.append(String.format(Locale.UK, "  %-22s %10s%n", segment, "suppressed"));
            } else {
                b.append(String.format(Locale.UK, "  %-22s %,10d  %5.1f%%%n", segment, n, 100.0 * n / total));
            }
        });
        long quarantined = r.validation.values().stream().mapToLong(s -> s.rowsQuarantined).sum();
        long read = r.validation.values().stream().mapToLong(s -> s.rowsRead).sum();
        b.append(String.format(Locale.UK, "Input rows: %,d read, %,d quarantined (reasons in ops/quarantine_reasons)%n",
                read, quarantined));
        r.validation.forEach((t, s) -> {
            if (s.rowsQuarantined > 0) {
                b.append(String.format(Locale.UK, "  %-26s %,8d quarantined%n", t, s.rowsQuarantined));
            }
        });
        if (!r.absentTables.isEmpty()) {
            b.append("Absent optional tables: ").append(String.join(", ", r.absentTables)).append('\n');
        }
        b.append("Outputs under ").append(output).append(":\n");
        r.outputs.forEach((name, path) -> {
            if (!name.startsWith("ops/quarantine/")) {
                b.append(String.format("  %-36s %s%n", name, path));
            }
        });
        b.append(String.format("  %-36s %s%n", "ops/quarantine/<table>", output + "/ops/quarantine"));
        b.append(String.format("  %-36s %s%n", "ops/runs/latest.json", output + "/ops/runs/latest.json"));
        return b.toString();
    }
}
