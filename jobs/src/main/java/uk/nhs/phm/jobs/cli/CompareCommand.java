package uk.nhs.phm.jobs.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.nhs.phm.jobs.io.Fs;
import uk.nhs.phm.jobs.io.HadoopInputSource;
import uk.nhs.phm.jobs.io.OutputStore;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.output.TableComparison;
import uk.nhs.phm.pipeline.spark.SparkSessionFactory;
import uk.nhs.phm.pipeline.validate.OpsTables;

/**
 * {@code phm compare}: are two output folders' tables the same for one as-of date? For checking an upgrade of
 * phm (or a change of settings) against the previous night's figures, table by table, through the folders that
 * readers use. Prints counts only.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare every output table of two output folders for one as-of date, row by row (ignoring "
                + "run_id), through the published folders readers use. Exit 0 when all are identical, 1 when any "
                + "differs.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./phm compare --left /data/phm-before --right /data/phm-after",
                "  ./phm compare --left output-v1 --right output --as-of 2026-09-30"})
public final class CompareCommand implements Callable<Integer> {
    @Mixin
    LoggingMixin logging;

    @Option(names = "--left", required = true, paramLabel = "DIR", description = "An output folder (path or URI).")
    String left;

    @Option(names = "--right", required = true, paramLabel = "DIR", description = "Another output folder.")
    String right;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "As-of date to compare (default: the latest published in --right).")
    String asOf;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        logging.apply();
        SparkSession spark = SparkSessionFactory.create(config.load(java.util.Map.of()).spark());
        String l = Fs.resolve(left, java.nio.file.Path.of(""));
        String r = Fs.resolve(right, java.nio.file.Path.of(""));
        LocalDate date = asOf != null ? parse(asOf) : new OutputStore(r, HadoopInputSource.hadoop(spark),
                OutputTables.REGISTRY).latest().map(p -> p.asOf).orElseThrow(() -> new PhmUserException("--right "
                + right + ": no published run (ops/runs/latest.json); give --as-of YYYY-MM-DD."));
        System.out.printf(Locale.UK, "Comparing %s with %s for as-of date %s%n", Fs.display(l), Fs.display(r), date);
        boolean same = true;
        for (OutputTable t : OutputTables.REGISTRY.tables()) {
            Optional<Dataset<Row>> a = view(spark, l, t, date);
            Optional<Dataset<Row>> b = view(spark, r, t, date);
            if (a.isEmpty() || b.isEmpty()) {
                same &= a.isEmpty() && b.isEmpty();
                System.out.printf("  %-40s %s%n", t.path(), a.isEmpty() && b.isEmpty() ? "absent in both"
                        : "only in " + (a.isEmpty() ? "right" : "left"));
                continue;
            }
            TableComparison.Result c = TableComparison.compare(a.get(), b.get(), List.of(OpsTables.RUN_ID));
            same &= c.identical();
            System.out.printf(Locale.UK, "  %-40s %,10d rows left %,10d right  %s%n", t.path(), c.leftRows, c.rightRows,
                    c.identical() ? "identical" : String.format(Locale.UK, "DIFFERENT: %,d rows only left, %,d only right",
                            c.onlyLeft, c.onlyRight));
        }
        System.out.println(same ? "All tables identical." : "Some tables differ.");
        return same ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    /** A table's partition for T in the folder readers glob, or empty when there is none. */
    private static Optional<Dataset<Row>> view(SparkSession spark, String root, OutputTable t, LocalDate date) {
        Path p = new Path(root, t.path() + "/" + OutputTable.AS_OF_DATE + "=" + date);
        try {
            if (!Fs.fileSystem(p, HadoopInputSource.hadoop(spark)).exists(p)) {
                return Optional.empty();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read " + p + " (" + uk.nhs.phm.pipeline.Errors.firstLine(e) + ")", e);
        }
        return Optional.of(spark.read().schema(t.schema()).parquet(p.toString()));
    }

    private static LocalDate parse(String d) {
        try {
            return LocalDate.parse(d);
        } catch (java.time.format.DateTimeParseException e) {
            throw new PhmUserException("--as-of must be a date YYYY-MM-DD (got '" + d + "').");
        }
    }
}
