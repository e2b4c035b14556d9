package uk.nhs.phm.pipeline.output;

import static uk.nhs.phm.pipeline.output.OutputColumn.of;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import uk.nhs.phm.pipeline.aggregate.SegmentSummary;
import uk.nhs.phm.pipeline.disclosure.DisclosureAuditTable;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.features.CambridgeMultimorbidityScore;
import uk.nhs.phm.pipeline.features.CharlsonScore;
import uk.nhs.phm.pipeline.features.Conditions;
import uk.nhs.phm.pipeline.features.Frailty;
import uk.nhs.phm.pipeline.features.Geography;
import uk.nhs.phm.pipeline.features.PendingScores;
import uk.nhs.phm.pipeline.features.Population;
import uk.nhs.phm.pipeline.features.Utilisation;
import uk.nhs.phm.pipeline.indicators.IndicatorCounts;
import uk.nhs.phm.pipeline.indicators.Indicators;
import uk.nhs.phm.pipeline.output.OutputTable.Tier;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.segment.Segmentation;
import uk.nhs.phm.pipeline.validate.OpsTables;
import uk.nhs.phm.pipeline.validate.RowValidator;

/**
 * The registry of output tables (output contract v1, outputs.md): every table a run writes, with its columns.
 * {@code docs/data-dictionary.md} is generated from {@link #REGISTRY} and a test keeps the two identical.
 */
public final class OutputTables {
    public static final String AS_OF_DATE = OutputTable.AS_OF_DATE;

    private static final DataType STRING = DataTypes.StringType;
    private static final DataType INT = DataTypes.IntegerType;
    private static final DataType LONG = DataTypes.LongType;
    private static final DataType DOUBLE = DataTypes.DoubleType;
    private static final DataType BOOLEAN = DataTypes.BooleanType;
    private static final String NOT_YET = " *Not yet computed* (a typed null until its method lands)";

    public static final OutputTable PATIENT_SEGMENTS = new OutputTable(Tier.RESTRICTED, "patient_segments",
            "One row per person in the population at T. Patient-level and pseudonymised: for PCN population health "
                    + "managers with a legitimate relationship only; never publish.",
            List.of(
                    of(InputColumns.PERSON_ID, STRING, "Pseudonymised person token from the extract"),
                    of(InputColumns.PRACTICE_CODE, STRING, "GP practice (ODS) of the registration that holds on T"),
                    of(Geography.PCN_CODE, STRING, "Primary care network of that practice (2026 practice map)"),
                    of(Geography.LSOA_CODE, STRING, "LSOA 2021 of residence on that registration (2011 codes mapped to "
                            + "2021); null if unknown"),
                    of(Geography.PLACE_CODE, STRING, "Local authority (LTLA 2024) of the LSOA: the ICS \"Place\""),
                    of(Geography.ICB_CODE, STRING, "Integrated care board of the practice (ODS code)"),
                    of(Population.AGE, INT, "Age at T; birthday taken as the 1st of the birth month (1 July if the "
                            + "month is unknown)", "years"),
                    of(Population.AGE_BAND, STRING, "ESP 2013 five-year band: `0-4` … `85-89`, `90+`"),
                    of(InputColumns.SEX, STRING, "`F`, `M`, `I` (indeterminate), `U` (unknown)"),
                    of(Population.ETHNIC_GROUP, STRING, "ONS high-level group from the NHS ethnic category: White, "
                            + "Mixed, Asian, Black, Other, Not known"),
                    of(Geography.IMD_DECILE, INT, "IMD decile of the LSOA (1 = most deprived 10% in England), release "
                            + "set by `imd.version` (default 2025)", "decile"),
                    of(Geography.IMD2019_DECILE, INT, "IMD 2019 decile (on the LSOA 2011 the LSOA came from)", "decile"),
                    of(Geography.IMD2025_DECILE, INT, "IMD 2025 decile (on LSOA 2021)", "decile"),
                    of(Geography.CORE20, BOOLEAN, "In the most deprived 20% nationally (`imd_decile` 1–2); null when "
                            + "the LSOA is unknown"),
                    of(Segmentation.SEGMENT, STRING, "Bridges to Health segment: end_of_life, frailty_dementia, "
                            + "organ_failure, serious_disability, long_term_conditions, maternal_infant, acute_episodic, "
                            + "healthy_well"),
                    of(Segmentation.SUB_SEGMENT, STRING, "`ltc_1`, `ltc_2_3`, `ltc_4_plus` in long_term_conditions; "
                            + "otherwise the rule that fired"),
                    of(Segmentation.SEGMENT_REASON, STRING, "`segment:rule_id` of the highest-priority rule that held "
                            + "(conf/segment_rules.csv)"),
                    of(PendingScores.RISK_SCORE, DOUBLE, "Probability of an emergency admission in the next 12 months."
                            + NOT_YET, "probability"),
                    of(PendingScores.RISK_TIER, STRING, "very_high, high, moderate, low by rank of risk_score." + NOT_YET),
                    of(Conditions.LTC_COUNT, INT, "Number of distinct long-term conditions recorded up to T and not "
                            + "resolved", "conditions"),
                    of(Conditions.LTC_LIST, STRING, "The long-term conditions, `\\|`-separated, alphabetical; empty if none"),
                    of(Frailty.EFI, DOUBLE, "Electronic Frailty Index (Clegg 2016): deficits present / 36, for ages 65+ "
                            + "at T (null below 65). A deficit is present when a GP event up to T has one of its codes "
                            + "(conf/codelists/efi_deficit_codes.csv), polypharmacy when 5 or more distinct medication "
                            + "codes were issued in (T−365 d, T] (`lookback.recent_days`)", "ratio 0–1"),
                    of(Frailty.EFI_CATEGORY, STRING, "fit (eFI ≤ 0.12), mild (≤ 0.24), moderate (≤ 0.36), severe "
                            + "(> 0.36); null below 65. Moderate and severe place a person in frailty_dementia"),
                    of(CharlsonScore.CHARLSON, INT, "Charlson comorbidity index: inpatient ICD-10 diagnoses discharged "
                            + "in (T−5 years, T], Quan 2005 categories, severe forms override mild ones; weights of "
                            + "scores.charlson_weights (Charlson 1987 by default, or Quan 2011); 0 without diagnoses",
                            "points"),
                    of(CambridgeMultimorbidityScore.CMMS, DOUBLE, "Cambridge Multimorbidity Score (Payne 2020, "
                            + "general-outcome weights): sum of the weights of the 35 conditions present at T (GP codes, "
                            + "QOF-register flags, ≥ 4 BNF prescriptions in 12 months; cancer in 5 years); 0 if none",
                            "score"),
                    of(Utilisation.NEL_ADMISSIONS_12M, LONG, "Emergency admissions (methods 21–25, 2A–2D, 28) admitted "
                            + "in (T−365 d, T]", "admissions"),
                    of(Utilisation.ELECTIVE_ADMISSIONS_12M, LONG, "Elective admissions (methods 11–13) admitted in the "
                            + "window", "admissions"),
                    of(Utilisation.AE_ATTENDANCES_12M, LONG, "A&E attendances arriving in the window", "attendances"),
                    of(Utilisation.BED_DAYS_12M, LONG, "Bed days (midnights in hospital) of any stay, counted inside the "
                            + "window: from the later of admission and the window's start to the earlier of discharge "
                            + "and T, so a stay that began before the window counts its days inside it and a day case "
                            + "counts 0", "days"),
                    of(Utilisation.OP_ATTENDANCES_12M, LONG, "Outpatient appointments attended in the window",
                            "appointments"),
                    of(Utilisation.COMMUNITY_CONTACTS_12M, LONG, "Community service contacts in the window", "contacts"),
                    of(Utilisation.MH_CONTACTS_12M, LONG, "Mental health service contacts in the window", "contacts"),
                    of(Utilisation.SOCIAL_CARE_SERVICES_12M, LONG, "Adult social care services active at any time in "
                            + "the window", "services"),
                    of(Utilisation.COST_12M, DOUBLE, "Inpatient, A&E, attended outpatient, community, mental health and "
                            + "social care cost in the window (inpatient: spells discharged by T; social care: weekly "
                            + "cost × weeks inside the window)", "GBP"),
                    of(Segmentation.COHORTS, STRING, "Oversight cohorts the person is in, `\\|`-separated "
                            + "(conf/cohort_rules.csv): children_families, inclusion_groups, frailty_end_of_life, core20, "
                            + "core20plus5_smi, core20plus5_copd, core20plus5_hypertension, core20plus5_cancer, "
                            + "core20plus5_maternity")),
            false);

    public static final OutputTable SEGMENT_SUMMARY = new OutputTable(Tier.PUBLISHED, "segment_summary",
            "People and their 12-month activity per geography × segment × risk tier, at every geography level, after "
                    + "disclosure control: a row for each area and segment with at least one person, plus each area's "
                    + "`all` row (a segment with nobody in an area has no row: read it as 0). Safe to share.",
            List.of(
                    of(SegmentSummary.GEOGRAPHY_LEVEL, STRING, "`lsoa`, `pcn`, `place` or `icb`"),
                    of(SegmentSummary.GEOGRAPHY_CODE, STRING, "Code of the area at that level, or `unknown`"),
                    of(SegmentSummary.GEOGRAPHY_NAME, STRING, "Name of the area (reference data), `Unknown` for `unknown`"),
                    of(Segmentation.SEGMENT, STRING, "A segment, or `all` for the area's whole population"),
                    of(SegmentSummary.RISK_TIER, STRING, "`all` until the risk model lands (every row covers all tiers)"),
                    of(SegmentSummary.PATIENTS, LONG, "People in the cell, rounded to the nearest 5; null when "
                            + "suppressed", "people"),
                    of(SegmentSummary.SHARE_OF_POPULATION, DOUBLE, "patients ÷ the area's `all` patients, both as "
                            + "published; null when either is suppressed", "proportion"),
                    of(Utilisation.NEL_ADMISSIONS_12M, LONG, "Emergency admissions of those people in (T−365 d, T], "
                            + "rounded to 5; null when the cell is suppressed, the count is 1–7, or it would let a "
                            + "withheld count be worked out from the published ones", "admissions"),
                    of(Utilisation.AE_ATTENDANCES_12M, LONG, "A&E attendances, as above", "attendances"),
                    of(Utilisation.BED_DAYS_12M, LONG, "Bed days, as above", "days"),
                    of(Utilisation.COST_12M, DOUBLE, "Total cost of those people's activity in the window, rounded to "
                            + "a multiple of `disclosure.money_rounding` (£1,000); null when the cell is suppressed, when "
                            + "any of its activity counts is withheld (cost ÷ tariff would give the count back), or when "
                            + "it would let such a cost be worked out from the published ones", "GBP"),
                    of(DisclosureControl.SUPPRESSED, BOOLEAN, "True when `patients` was 1–7, or was suppressed so that "
                            + "no suppressed cell can be worked out from the published ones (secondary suppression "
                            + "across segments and the `all` row, and across the LSOA, PCN, Place and ICB levels as "
                            + "people fall into them; audited in `ops/disclosure_audit`)"),
                    of(SegmentSummary.ACTIVITY_SUPPRESSED, BOOLEAN, "True when at least one of `nel_admissions_12m`, "
                            + "`ae_attendances_12m`, `bed_days_12m`, `cost_12m` is withheld by disclosure control (its "
                            + "own count 1–7, the cell suppressed, a count it is built from withheld, or secondary "
                            + "suppression of that figure); a null activity or cost figure with this false does not "
                            + "occur")),
            true);

    public static final OutputTable INDICATORS = new OutputTable(Tier.PUBLISHED, "indicators",
            "Public-health indicators per geography × indicator × method at T, at every geography level, after "
                    + "disclosure control (docs/methods.md \"Indicators\"): emergency admissions and A&E attendances "
                    + "(crude and ESP2013-standardised rates), the recorded prevalence of each long-term condition, "
                    + "moderate or severe frailty at 65+, and all-cause mortality; with SII and RII across IMD deciles "
                    + "at Place and ICB and funnel limits for PCNs against their ICB. An indicator whose denominator is "
                    + "0 in an area has no row there. Safe to share.",
            List.of(
                    of(SegmentSummary.GEOGRAPHY_LEVEL, STRING, "`lsoa`, `pcn`, `place` or `icb`"),
                    of(SegmentSummary.GEOGRAPHY_CODE, STRING, "Code of the area at that level, or `unknown`"),
                    of(SegmentSummary.GEOGRAPHY_NAME, STRING, "Name of the area (reference data), `Unknown` for `unknown`"),
                    of(IndicatorCounts.INDICATOR_ID, STRING, "`emergency_admissions`, `ae_attendances`, "
                            + "`prevalence_<condition>` (each long-term condition of conf/codelists/conditions.csv), "
                            + "`frailty_moderate_severe_65plus`, `mortality_all_cause`"),
                    of(Indicators.INDICATOR_NAME, STRING, "What the indicator measures, in words"),
                    of(Indicators.METHOD, STRING, "`crude_rate` (events ÷ people × 100,000, exact Poisson limits below "
                            + "10 events, Byar's from 10), `dsr_esp2013` (directly standardised to the European Standard "
                            + "Population 2013 over 19 five-year bands, Dobson limits), `proportion_wilson` (Wilson score "
                            + "limits), `sii` / `rii` (slope and relative index of inequality across IMD deciles, Place "
                            + "and ICB only)"),
                    of(Indicators.UNIT, STRING, "`per 100,000`, `proportion` (of 1, not a percentage), or `ratio` "
                            + "(RII rows); an `sii` row is in the unit of its indicator"),
                    of(IndicatorCounts.NUMERATOR, LONG, "Events (admissions, attendances, deaths) or people with the "
                            + "condition in the area, rounded to the nearest 5; null when 1–7, when the denominator is "
                            + "withheld, or when withheld so that no withheld figure can be worked out from the "
                            + "published ones across the LSOA, PCN, Place and ICB levels (secondary suppression). Emergency "
                            + "admissions and A&E attendances are segment_summary's `all`-row figures, withheld as there",
                            "events or people"),
                    of(IndicatorCounts.DENOMINATOR, LONG, "People at T (65+ for frailty; registered 365 days before T "
                            + "for mortality), rounded to the nearest 5; null when 1–7 or withheld by secondary "
                            + "suppression. The population at T is segment_summary's `all`-row `patients`, withheld as there",
                            "people"),
                    of(Indicators.VALUE, DOUBLE, "The indicator by the row's method. Crude rates and proportions are "
                            + "computed from the published (rounded) counts; a DSR from the unrounded counts per age "
                            + "band, and null when the area has fewer than 10 events; SII is the fitted value at the "
                            + "least deprived end minus that at the most deprived end (negative: higher in more "
                            + "deprived areas), RII their ratio (least ÷ most deprived), both null unless all ten IMD "
                            + "deciles have people and a value. Null whenever the numerator is withheld", "see unit"),
                    of(Indicators.LOWER_95, DOUBLE, "Lower 95% confidence limit; null where value is, and always on "
                            + "`sii`/`rii` rows (point estimates only)", "see unit"),
                    of(Indicators.UPPER_95, DOUBLE, "Upper 95% confidence limit, as lower_95", "see unit"),
                    of(Indicators.LOWER_998, DOUBLE, "Lower 99.8% confidence limit (z = Φ⁻¹(0.999) = 3.0902), as "
                            + "lower_95", "see unit"),
                    of(Indicators.UPPER_998, DOUBLE, "Upper 99.8% confidence limit, as lower_998", "see unit"),
                    of(Indicators.COMPARATOR_VALUE, DOUBLE, "PCN rows: the value of the PCN's ICB by the same method (a "
                            + "PCN whose practices lie in two ICBs is compared with the lower-coded ICB); null on other "
                            + "levels and where the ICB's value is null", "see unit"),
                    of(Indicators.FUNNEL_LOWER_95, DOUBLE, "PCN `crude_rate` and `proportion_wilson` rows: lower 95% "
                            + "funnel-plot control limit around comparator_value at the PCN's published denominator "
                            + "(exact Poisson for rates, Wilson for proportions); null on other rows", "see unit"),
                    of(Indicators.FUNNEL_UPPER_95, DOUBLE, "Upper 95% funnel limit, as funnel_lower_95", "see unit"),
                    of(Indicators.FUNNEL_LOWER_998, DOUBLE, "Lower 99.8% funnel limit, as funnel_lower_95", "see unit"),
                    of(Indicators.FUNNEL_UPPER_998, DOUBLE, "Upper 99.8% funnel limit, as funnel_lower_95", "see unit"),
                    of(DisclosureControl.SUPPRESSED, BOOLEAN, "True when the numerator or the denominator is withheld (then value and "
                            + "every limit are null, never 0)"),
                    of(OpsTables.RUN_ID, STRING, "Run identifier")),
            true);

    public static final OutputTable DATA_QUALITY = new OutputTable(Tier.OPS, "data_quality",
            "One row per input table per run.",
            List.of(
                    of(OpsTables.RUN_ID, STRING, "Run identifier (UTC start time and a random suffix)"),
                    of(OpsTables.TABLE_NAME, STRING, "Input table, as named in the input contract"),
                    of(OpsTables.STATUS, STRING, "`loaded` or `absent` (optional table not supplied: its features are "
                            + "0/null)"),
                    of(OpsTables.SOURCE_FORMAT, STRING, "`csv` (plain or gzip) or `parquet`; null when absent"),
                    of(OpsTables.ROWS_READ, LONG, "Rows in the source", "rows"),
                    of(OpsTables.ROWS_ACCEPTED, LONG, "Rows that passed validation", "rows"),
                    of(OpsTables.ROWS_QUARANTINED, LONG, "Rows written to `ops/quarantine/<table>`; rows_read = "
                            + "rows_accepted + rows_quarantined", "rows"),
                    of(OpsTables.ROWS_UNDECODABLE, LONG, "Rows read holding text that is not valid in the input's "
                            + "character set (`input.encoding`), shown as U+FFFD; they are kept, not quarantined",
                            "rows"),
                    of(OpsTables.LATEST_DATE, DataTypes.DateType, "Latest valid date in any date column of the "
                            + "accepted rows"),
                    of(OpsTables.EXTRA_COLUMNS, STRING, "Columns in the source that the contract does not name "
                            + "(ignored), `\\|`-separated"),
                    of(OpsTables.COMPLETENESS, DataTypes.createMapType(STRING, DOUBLE), "Column → share of accepted "
                            + "rows where the column is present", "proportion")),
            true);

    public static final OutputTable QUARANTINE_REASONS = new OutputTable(Tier.OPS, "quarantine_reasons",
            "Rows quarantined per input table and reason.",
            List.of(
                    of(OpsTables.RUN_ID, STRING, "Run identifier"),
                    of(OpsTables.TABLE_NAME, STRING, "Input table"),
                    of(RowValidator.REJECT_REASON, STRING, "The first rule the row failed, e.g. "
                            + "`unparseable_date:event_date`, `orphan_person_id`, `duplicate_key:spell_id`, "
                            + "`possible_nhs_number:person_id` (docs/methods.md lists them all)"),
                    of(OpsTables.ROWS, LONG, "Rows quarantined for that reason", "rows")),
            true);

    public static final OutputTable UNMAPPED_CODES = new OutputTable(Tier.OPS, "unmapped_codes",
            "Codes in GP events and inpatient diagnoses that matched no code list, so nothing is dropped silently.",
            List.of(
                    of(OpsTables.RUN_ID, STRING, "Run identifier"),
                    of(OpsTables.TABLE_NAME, STRING, "`gp_events` or `inpatient_spells`"),
                    of(InputColumns.CODE_SYSTEM, STRING, "`snomed`, `ctv3`, `read2` or `icd10`"),
                    of(InputColumns.CODE, STRING, "The code as recorded"),
                    of(OpsTables.ROWS, LONG, "Accepted records carrying it, dated on or before T (a spell's "
                            + "diagnoses at discharge)",
                            "records")),
            true);

    public static final OutputTable DISCLOSURE_AUDIT = new OutputTable(Tier.OPS, "disclosure_audit",
            "One row per disclosure-controlled published table and measure per run: how many figures disclosure "
                    + "control withheld and why, and the audit of what was published. A run whose audit fails "
                    + "publishes nothing (exit code 4).",
            List.of(
                    of(OpsTables.RUN_ID, STRING, "Run identifier"),
                    of(OpsTables.TABLE_NAME, STRING, "Published table, e.g. `segment_summary`"),
                    of(DisclosureAuditTable.MEASURE, STRING, "The published figure (column), e.g. `patients`, `cost_12m`"),
                    of(DisclosureAuditTable.CELLS, LONG, "Rows of the table (each holds one figure of the measure)",
                            "cells"),
                    of(DisclosureAuditTable.PRIMARY_SUPPRESSED, LONG, "Withheld because the count itself is 1–7 "
                            + "(below `disclosure.threshold`)", "cells"),
                    of(DisclosureAuditTable.SECONDARY_SUPPRESSED, LONG, "Withheld so that no withheld figure can be "
                            + "worked out from the published ones", "cells"),
                    of(DisclosureAuditTable.DERIVED_SUPPRESSED, LONG, "Withheld with a figure it is built from or "
                            + "belongs to (activity with its people, cost with any of its counts), not small itself",
                            "cells"),
                    of(DisclosureAuditTable.DETERMINED_CELLS, LONG, "Withheld figures that the published ones of "
                            + "this and linked tables determine exactly through their sums (every published figure "
                            + "taken as exact, rounding not relied on); 0 for a table that is published", "cells"),
                    of(DisclosureAuditTable.VERDICT, STRING, "`pass` when determined_cells is 0, else `fail`")),
            true);

    /** Meaning of each input column in a quarantine table (documented once for all of them). */
    public static final String INPUT_COLUMN_AS_READ = "The input column as text, exactly as read";

    /** Documentation section shared by the twelve quarantine tables. */
    public static final String QUARANTINE_SECTION = "ops/quarantine/<table>";

    /** The quarantine table of one input table: its rejected rows exactly as read. */
    public static OutputTable quarantine(InputTable t) {
        List<OutputColumn> cols = new ArrayList<>();
        for (String c : t.columnNames()) {
            cols.add(of(c, STRING, INPUT_COLUMN_AS_READ));
        }
        cols.add(of(RowValidator.RAW_RECORD, STRING, "The whole line when the CSV row itself was malformed, else null"));
        cols.add(of(RowValidator.REJECT_REASON, STRING, "The first rule the row failed (as in `ops/quarantine_reasons`)"));
        cols.add(of(OpsTables.RUN_ID, STRING, "Run identifier"));
        return new OutputTable(Tier.OPS, "quarantine/" + t.tableName,
                "Every rejected row of the input table: the contract's columns as text exactly as read (so a row that "
                        + "did not parse is kept as it was), then `raw_record`, `reject_reason` and `run_id`. "
                        + "Patient-level: restrict it like `restricted/`.",
                cols, true, QUARANTINE_SECTION);
    }

    private static final List<OutputTable> QUARANTINE = java.util.Arrays.stream(InputTable.values())
            .map(OutputTables::quarantine).toList();

    /** Every table a run writes, in the order the data dictionary lists them. */
    public static final OutputRegistry REGISTRY = OutputRegistry.of(concat(List.of(PATIENT_SEGMENTS, SEGMENT_SUMMARY, INDICATORS,
            DATA_QUALITY, QUARANTINE_REASONS, UNMAPPED_CODES, DISCLOSURE_AUDIT), QUARANTINE));

    public static OutputTable quarantineTable(InputTable t) {
        return QUARANTINE.get(t.ordinal());
    }

    private static List<OutputTable> concat(List<OutputTable> a, List<OutputTable> b) {
        List<OutputTable> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private OutputTables() {
    }
}
