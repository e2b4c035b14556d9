package uk.nhs.phm.pipeline.synth;

import java.util.Map;

/**
 * The generator's rates, shares, weights and fixed dates: the ground truth the synthetic population is
 * drawn from, read from {@value #SHIPPED_FILE} (where every key is described, with its source and unit).
 * Immutable. Each concern's keys are read by its model's {@code Rates} class, next to the code that uses
 * them; this class only gathers them.
 *
 * <p>Pure data: the jobs module reads the file ({@code GeneratorRatesLoader}) and passes its key/value
 * pairs to {@link #fromProperties}.
 */
public final class GeneratorRates {
    /** The shipped rates file, relative to the project home. */
    public static final String SHIPPED_FILE = "conf/synthetic/generator.properties";

    final PopulationModel.Rates population;
    final ConditionModel.Rates conditions;
    final ConditionRecords.Rates conditionRecords;
    final DeathModel.Rates deaths;
    final PrimaryCareActivity.Rates primaryCare;
    final MedicationActivity.Rates medications;
    final InpatientSpells.Rates inpatient;
    final AeAttendances.Rates ae;
    final OutpatientAppointments.Rates outpatients;
    final CommunityContacts.Rates community;
    final MentalHealthContacts.Rates mentalHealth;
    final SocialCareServices.Rates socialCare;
    final Interventions.Rates interventions;
    final RowEmitter.Rates badRows;
    private final int keyCount;

    private GeneratorRates(RatesReader r) {
        population = new PopulationModel.Rates(r);
        conditions = new ConditionModel.Rates(r);
        conditionRecords = new ConditionRecords.Rates(r);
        deaths = new DeathModel.Rates(r);
        primaryCare = new PrimaryCareActivity.Rates(r);
        medications = new MedicationActivity.Rates(r);
        inpatient = new InpatientSpells.Rates(r);
        ae = new AeAttendances.Rates(r);
        outpatients = new OutpatientAppointments.Rates(r);
        community = new CommunityContacts.Rates(r);
        mentalHealth = new MentalHealthContacts.Rates(r);
        socialCare = new SocialCareServices.Rates(r);
        interventions = new Interventions.Rates(r);
        badRows = new RowEmitter.Rates(r);
        keyCount = r.keyCount();
    }

    /**
     * Builds the rates from the key/value pairs of a rates file. Refuses, with a {@code PhmUserException}
     * naming {@code source} and the key, an unknown key (suggesting the nearest valid one), a missing key and
     * a value of the wrong form or range, including codes the input contract does not allow.
     *
     * @param source the file the pairs came from, for messages
     */
    public static GeneratorRates fromProperties(Map<String, String> values, String source) {
        RatesReader reader = new RatesReader(values, source);
        GeneratorRates rates = new GeneratorRates(reader);
        reader.finish();
        return rates;
    }

    /** How many keys the rates have (every one required). */
    public int keyCount() {
        return keyCount;
    }
}
