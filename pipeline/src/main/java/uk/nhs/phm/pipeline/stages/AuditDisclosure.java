package uk.nhs.phm.pipeline.stages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.aggregate.SegmentSummary;
import uk.nhs.phm.pipeline.disclosure.DisclosureAudit;
import uk.nhs.phm.pipeline.disclosure.DisclosureAuditException;
import uk.nhs.phm.pipeline.disclosure.DisclosureAuditTable;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.disclosure.GeographyMembership;
import uk.nhs.phm.pipeline.disclosure.TableProtection;
import uk.nhs.phm.pipeline.indicators.Indicators;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.quality.DataQualityGates;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;

/**
 * Audits every disclosure-controlled table as stored (read back, not as protection meant it to be): if any withheld
 * figure is determined by the published ones, the run stops before publishing (exit code 4) with a message naming
 * the table and how many cells, never a value. Writes {@code ops/disclosure_audit} when it passes.
 *
 * <p>The tables are audited as one system: {@code segment_summary} and {@code indicators}, with
 * {@link DisclosureAudit.EqualityLink}s for every figure published twice ({@link Indicators#auditLinks}: an area's
 * population, emergency admissions and A&amp;E attendances in both tables), so that a figure withheld in one place and published in another fails the audit. A later
 * disclosure-controlled table joins the same way.
 */
public final class AuditDisclosure implements Stage {
    @Override
    public String name() {
        return "disclosure audit";
    }

    @Override
    public Set<Key<?>> needs() {
        return Set.of(Keys.output(OutputTables.SEGMENT_SUMMARY), Keys.output(OutputTables.INDICATORS),
                Keys.DISCLOSURE_STATS, Keys.INDICATOR_DISCLOSURE_STATS, Keys.GEOGRAPHY_MEMBERSHIP,
                Keys.INDICATOR_CATALOGUE);
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.output(OutputTables.DISCLOSURE_AUDIT), Keys.DISCLOSURE_GATES);
    }

    @Override
    public StageResult run(RunContext ctx) {
        GeographyMembership membership = DisclosureControl.membership(ctx.get(Keys.GEOGRAPHY_MEMBERSHIP),
                SegmentSummary.LAYOUT);
        DisclosureAudit.PublishedTable summary = DisclosureControl.published(
                ctx.get(Keys.output(OutputTables.SEGMENT_SUMMARY)), SegmentSummary.LAYOUT);
        DisclosureAudit.PublishedTable indicators = DisclosureControl.published(
                Indicators.countRows(ctx.get(Keys.output(OutputTables.INDICATORS)), ctx.get(Keys.INDICATOR_CATALOGUE)),
                Indicators.AUDIT_LAYOUT);
        Set<String> summaryCells = new HashSet<>();
        summary.cells().forEach(c -> summaryCells.add(c.id()));
        List<DisclosureAudit.EqualityLink> links = Indicators.auditLinks(indicators.cells(), summaryCells,
                ctx.get(Keys.INDICATOR_CATALOGUE));
        List<TableProtection.MeasureStats> stats = new ArrayList<>(ctx.get(Keys.DISCLOSURE_STATS));
        stats.addAll(ctx.get(Keys.INDICATOR_DISCLOSURE_STATS));
        List<DisclosureAudit.Line> lines = DisclosureAudit.audit(List.of(summary, indicators), membership, links,
                statsByMeasure(stats));
        List<DataQualityGates.Verdict> verdicts = verdicts(lines);
        DataQualityGates.log(verdicts);
        for (DataQualityGates.Verdict v : verdicts) {
            if (!v.passed()) {
                throw new DisclosureAuditException(v.message());
            }
        }
        return StageResult.of().put(Keys.DISCLOSURE_GATES, verdicts)
                .output(OutputTables.DISCLOSURE_AUDIT, DisclosureAuditTable.of(ctx.spark, ctx.runId, lines));
    }

    /** One verdict per table and measure, its message naming the table, measure and count of cells only. */
    public static List<DataQualityGates.Verdict> verdicts(List<DisclosureAudit.Line> lines) {
        List<DataQualityGates.Verdict> out = new ArrayList<>();
        for (DisclosureAudit.Line l : lines) {
            String gate = "disclosure_audit:" + l.table() + "/" + l.measure();
            out.add(new DataQualityGates.Verdict(gate, l.passed(), l.passed()
                    ? l.table() + "." + l.measure() + ": no withheld figure is determined by the published ones ("
                    + l.cells() + " cells)"
                    : "Disclosure audit failed: in " + l.table() + ", " + l.determined() + " withheld "
                    + l.measure() + " cell(s) of " + l.cells() + " can be worked out exactly from the published "
                    + "figures; nothing was published. This is a defect in disclosure control: report it with the log."));
        }
        return out;
    }

    private static Map<String, TableProtection.MeasureStats> statsByMeasure(List<TableProtection.MeasureStats> stats) {
        Map<String, TableProtection.MeasureStats> out = new HashMap<>();
        for (TableProtection.MeasureStats s : stats) {
            out.put(s.table() + "/" + s.measure(), s);
        }
        return out;
    }

    @Override
    public long rows(RunContext ctx) {
        return ctx.get(Keys.output(OutputTables.SEGMENT_SUMMARY)).count() + ctx.get(Keys.output(OutputTables.INDICATORS)).count();
    }
}
