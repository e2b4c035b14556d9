package uk.nhs.phm.pipeline.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a synthetic but realistic linked care record for one ICB, one person at a time, straight into
 * a {@link TableSink}. Every person draws from their own random stream (seed and index), so the output
 * depends only on the reference data and the settings.
 *
 * <p>This class only coordinates; each concern is its own class: {@link PopulationModel} (age, sex,
 * residence, practice, registrations, ethnicity), {@link ConditionModel} and {@link ConditionRecords}
 * (conditions, onset, frailty, care homes, and their codes), {@link DeathModel}, the activity models
 * ({@link PrimaryCareActivity}, {@link MedicationActivity}, {@link HospitalActivity}, {@link CommunityContacts},
 * {@link MentalHealthContacts}, {@link SocialCareServices}), {@link Interventions}, and emission
 * ({@link RecordWriter}, {@link RowEmitter} for bad rows). Their rates, shares, weights and fixed dates are
 * in {@code conf/synthetic/generator.properties}, read into {@link GeneratorRates} and passed in the settings;
 * each model reads its own section. See {@code docs/synthetic-data.md}.
 *
 * <p>The order of the calls in {@link #person} is the order of each person's random draws: moving a call
 * changes every later draw, so reorder only on purpose.
 */
public final class SyntheticIcsGenerator {
    private final GeneratorContext ctx;
    private final PopulationModel population;
    private final ConditionModel conditions;
    private final ConditionRecords conditionRecords;
    private final DeathModel deaths;
    private final PrimaryCareActivity primaryCare;
    private final MedicationActivity medications;
    private final HospitalActivity hospital;
    private final CommunityContacts community;
    private final MentalHealthContacts mentalHealth;
    private final SocialCareServices socialCare;
    private final Interventions interventions;

    private SyntheticIcsGenerator(GeneratorReference ref, GeneratorSettings settings, TableSink sink) {
        ctx = new GeneratorContext(ref, settings, sink);
        population = new PopulationModel(ctx);
        conditions = new ConditionModel(ctx);
        conditionRecords = new ConditionRecords(ctx);
        deaths = new DeathModel(ctx);
        primaryCare = new PrimaryCareActivity(ctx);
        medications = new MedicationActivity(ctx);
        hospital = new HospitalActivity(ctx);
        community = new CommunityContacts(ctx);
        mentalHealth = new MentalHealthContacts(ctx);
        socialCare = new SocialCareServices(ctx);
        interventions = new Interventions(ctx);
    }

    /** Generates the whole population into the sink and returns the counts. */
    public static GenerationSummary generate(GeneratorReference ref, GeneratorSettings settings, TableSink sink) {
        SyntheticIcsGenerator g = new SyntheticIcsGenerator(ref, settings, sink);
        for (long i = 0; i < settings.patients; i++) {
            g.person(i);
        }
        return new GenerationSummary(settings.patients, g.ctx.out.rows(), g.ctx.out.badRows());
    }

    private void person(long index) {
        long seed = ctx.settings.seed;
        Person p = new Person(ctx.tokens.token(index),
                new SplittableRandom(PersonTokens.SplitMix.mix(seed * 0x9E3779B97F4A7C15L + index)),
                ctx.out.leaksNhsNumber(index));

        // Who they are: decided before anything is written.
        population.draw(p);
        conditions.assign(p);
        deaths.assign(p);
        p.activeStart = Math.max(ctx.startDay, Math.max(p.firstStart, p.birthDay));
        p.activeEnd = Math.min(ctx.endDay, Math.min(p.deathDay, p.leaveDay));

        // What their record holds.
        population.writePatient(p);
        population.writeRegistrations(p);
        if (p.activeEnd >= p.activeStart) {
            conditionRecords.write(p);
            primaryCare.write(p);
            medications.write(p);
            List<HospitalActivity.Discharge> discharges = hospital.write(p);
            community.write(p);
            mentalHealth.write(p);
            socialCare.writeServices(p);
            for (HospitalActivity.Discharge d : discharges) {
                socialCare.reablementAfter(p, d);
                interventions.virtualWardAfter(p, d);
            }
            socialCare.writeOther(p);
            interventions.write(p);
        }
        if (p.deathDay <= ctx.endDay) {
            deaths.writeDeath(p);
        }
    }
}
