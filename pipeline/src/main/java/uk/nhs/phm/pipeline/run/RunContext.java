package uk.nhs.phm.pipeline.run;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.features.FeatureInputs;
import uk.nhs.phm.pipeline.features.FeatureSettings;
import uk.nhs.phm.pipeline.features.InputData;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.reference.CambridgeMultimorbidity;
import uk.nhs.phm.pipeline.reference.CharlsonIndex;
import uk.nhs.phm.pipeline.reference.EfiDeficits;
import uk.nhs.phm.pipeline.reference.ReferenceData;
import uk.nhs.phm.pipeline.reference.ScoreLists;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.segment.CohortRule;
import uk.nhs.phm.pipeline.segment.SegmentRule;
import uk.nhs.phm.pipeline.validate.ValidatedTable;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/**
 * What the stages of one run compute from: settings, the run's id and start date, the ports to the extract,
 * scratch space and reference data, and the values earlier stages produced. Reference data, code lists and
 * rules are loaded once, on first use.
 */
public final class RunContext {
    public final SparkSession spark;
    public final Settings settings;
    public final String runId;
    /** The day the run started: a date after it is from the future. */
    public final LocalDate today;
    private final InputSource inputs;
    private final Scratch scratch;
    private final ReferenceSource referenceSource;
    private final Map<Key<?>, Object> values = new HashMap<>();
    private ReferenceData reference;
    private ConditionCodeLists codeLists;
    private EfiDeficits efiDeficits;
    private ScoreLists scoreLists;
    private List<SegmentRule> segmentRules;
    private List<CohortRule> cohortRules;

    public RunContext(SparkSession spark, Settings settings, String runId, LocalDate today, InputSource inputs,
                      Scratch scratch, ReferenceSource referenceSource) {
        this.spark = spark;
        this.settings = settings;
        this.runId = runId;
        this.today = today;
        this.inputs = inputs;
        this.scratch = scratch;
        this.referenceSource = referenceSource;
    }

    public InputSource inputs() {
        return inputs;
    }

    public Scratch scratch() {
        return scratch;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        if (!values.containsKey(key)) {
            throw new IllegalStateException("No stage has produced '" + key + "' yet (a stage is out of order)");
        }
        return (T) values.get(key);
    }

    public boolean has(Key<?> key) {
        return values.containsKey(key);
    }

    public <T> void put(Key<T> key, T value) {
        values.put(key, value);
    }

    public Set<Key<?>> keys() {
        return values.keySet();
    }

    public synchronized ReferenceData reference() {
        if (reference == null) {
            ReferenceSource r = referenceSource;
            reference = new ReferenceData(
                    r.table(PhmSettings.REFERENCE_DIR, ReferenceData.PRACTICES_FILE, ReferenceData.PRACTICES),
                    r.table(PhmSettings.REFERENCE_DIR, ReferenceData.LSOA21_FILE, ReferenceData.LSOA21),
                    r.table(PhmSettings.REFERENCE_DIR, ReferenceData.LSOA11_TO_21_FILE, ReferenceData.LSOA11_TO_21),
                    r.table(PhmSettings.REFERENCE_DIR, ReferenceData.IMD2019_FILE, ReferenceData.IMD2019),
                    r.table(PhmSettings.REFERENCE_DIR, ReferenceData.IMD2025_FILE, ReferenceData.IMD2025));
        }
        return reference;
    }

    public synchronized ConditionCodeLists codeLists() {
        if (codeLists == null) {
            codeLists = ConditionCodeLists.load(spark, referenceSource.configFile(PhmSettings.CONDITIONS),
                    referenceSource.configFile(PhmSettings.CONDITION_CODES));
        }
        return codeLists;
    }

    public synchronized EfiDeficits efiDeficits() {
        if (efiDeficits == null) {
            efiDeficits = EfiDeficits.load(spark, referenceSource.configFile(PhmSettings.EFI_DEFICITS),
                    referenceSource.configFile(PhmSettings.EFI_DEFICIT_CODES));
        }
        return efiDeficits;
    }

    /** The Charlson map and weights (with the chosen weighting) and the Cambridge score's rules, checked. */
    public synchronized ScoreLists scoreLists() {
        if (scoreLists == null) {
            ReferenceSource r = referenceSource;
            scoreLists = new ScoreLists(
                    CharlsonIndex.parse(r.configFile(PhmSettings.CHARLSON_MAP), r.configFile(PhmSettings.CHARLSON_WEIGHTS),
                            settings.get(PhmSettings.CHARLSON_WEIGHTING)),
                    CambridgeMultimorbidity.parse(r.configFile(PhmSettings.CMMS_CONDITIONS),
                            r.configFile(PhmSettings.CMMS_CODES), codeLists().conditions));
        }
        return scoreLists;
    }

    public synchronized List<SegmentRule> segmentRules() {
        if (segmentRules == null) {
            segmentRules = SegmentRule.parse(referenceSource.configFile(PhmSettings.SEGMENT_RULES));
        }
        return segmentRules;
    }

    public synchronized List<CohortRule> cohortRules() {
        if (cohortRules == null) {
            cohortRules = CohortRule.parse(referenceSource.configFile(PhmSettings.COHORT_RULES));
        }
        return cohortRules;
    }

    /** Where a setting's value came from, for messages ("conf/phm.properties", "command line"). */
    public String where(String key) {
        return settings.where(key);
    }

    /** Every input table after validation, in contract order. */
    public List<ValidatedTable> validatedTables() {
        List<ValidatedTable> all = new ArrayList<>();
        for (InputTable t : InputTable.values()) {
            all.add(get(Keys.validated(t)));
        }
        return all;
    }

    /** The validation summaries of the tables that were supplied. */
    public Map<InputTable, ValidationSummary> summaries() {
        Map<InputTable, ValidationSummary> m = new EnumMap<>(InputTable.class);
        for (ValidatedTable v : validatedTables()) {
            if (v.present()) {
                m.put(v.table, v.summary);
            }
        }
        return m;
    }

    /** The feature settings at a date, from the configuration. */
    public FeatureSettings featureSettings(LocalDate asOf) {
        return new FeatureSettings(asOf, settings.get(PhmSettings.UTILISATION_DAYS), settings.get(PhmSettings.RECENT_DAYS),
                settings.get(PhmSettings.IMD_VERSION));
    }

    /** The accepted tables (absent ones empty), reference data, code lists and feature settings at a date. */
    public FeatureInputs featureInputs(LocalDate asOf) {
        InputData data = new InputData(spark);
        if (has(Keys.validated(InputTable.PATIENTS))) {
            for (ValidatedTable v : validatedTables()) {
                data.with(v.table, v.accepted);
            }
        }
        return new FeatureInputs(data, reference(), codeLists(), efiDeficits(), scoreLists(),
                featureSettings(asOf));
    }
}
