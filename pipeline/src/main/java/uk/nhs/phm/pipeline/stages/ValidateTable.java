package uk.nhs.phm.pipeline.stages;

import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.FeedFormat;
import uk.nhs.phm.pipeline.validate.FileLevelPolicy;
import uk.nhs.phm.pipeline.validate.InputLayout;
import uk.nhs.phm.pipeline.validate.RawTable;
import uk.nhs.phm.pipeline.validate.RowValidator;
import uk.nhs.phm.pipeline.validate.ValidatedTable;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/**
 * Reads one input table and validates it in one pass (input contract, "Row-level rules"): the flagged rows are
 * materialised once in scratch space (the file is parsed once), summarised into a few dozen rows, checked for
 * file-level problems, and split into accepted and rejected rows. Every table but {@code patients} checks its
 * person ids against the accepted patients, so {@code patients} is validated first.
 */
public final class ValidateTable implements Stage {
    private static final Logger LOG = LogManager.getLogger(ValidateTable.class);
    private final InputTable table;

    public ValidateTable(InputTable table) {
        this.table = table;
    }

    @Override
    public String name() {
        return "validate " + table.tableName;
    }

    @Override
    public Set<Key<?>> needs() {
        return table == InputTable.PATIENTS ? Set.of() : Set.of(Keys.validated(InputTable.PATIENTS));
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.validated(table));
    }

    @Override
    public StageResult run(RunContext ctx) {
        Optional<RawTable> read = ctx.inputs().read(table);
        if (read.isEmpty()) {
            if (table.required) {
                throw InputLayout.missingRequired(ctx.inputs().location(), table);
            }
            LOG.info("  {}: absent (optional; its features are 0/null)", table.tableName);
            return StageResult.of().put(Keys.validated(table), ValidatedTable.absent(ctx.spark, table));
        }
        RawTable raw = read.get();
        Dataset<Row> knownPersons = null;
        long people = 0;
        if (table != InputTable.PATIENTS) {
            ValidatedTable patients = ctx.get(Keys.validated(InputTable.PATIENTS));
            knownPersons = patients.accepted.select(InputColumns.PERSON_ID);
            people = patients.summary.rowsAccepted;
        }
        boolean broadcast = people <= ctx.settings.get(PhmSettings.BROADCAST_PERSON_LIMIT);
        FeedFormat format = FeedFormat.of(ctx.settings);
        Dataset<Row> flagged = RowValidator.flag(raw.rows, table, ctx.today, knownPersons, broadcast, format);
        try {
            flagged = ctx.scratch().materialise("validated/" + table.tableName, flagged, RowValidator.SUSPECT);
        } catch (Exception e) {
            // Exception, not RuntimeException: Spark throws its checked SparkException from Scala, undeclared.
            Optional<PhmUserException> fileProblem = FileLevelPolicy.readFailure(raw.origin, e);
            if (fileProblem.isPresent()) {
                throw fileProblem.get();
            }
            throw e;
        }
        ValidationSummary s = new ValidationSummary(table, RowValidator.summarise(flagged, table, format)
                .collectAsList());
        FileLevelPolicy.check(raw.origin, s, format);
        LOG.info("  {}: {} rows read, {} accepted, {} quarantined", table.tableName, s.rowsRead, s.rowsAccepted,
                s.rowsQuarantined);
        if (s.undecodableRows > 0) {
            LOG.warn("  {}: {} rows hold text that is not valid {} (kept, shown as U+FFFD); if the extract was "
                    + "written in another character set, set input.encoding (e.g. windows-1252)", raw.origin,
                    s.undecodableRows, format.encoding);
        }
        return StageResult.of().put(Keys.validated(table), new ValidatedTable(table, raw.origin, s, flagged,
                RowValidator.accepted(flagged, table, s.policy), raw.extraColumns));
    }

    @Override
    public long rows(RunContext ctx) {
        ValidatedTable v = ctx.get(Keys.validated(table));
        return v.present() ? v.summary.rowsRead : 0;
    }
}
