package uk.nhs.phm.pipeline.synth;

import java.util.List;

/**
 * What every part of one generation run shares and nobody changes: the reference data, the settings and
 * their rates, the history window, the condition codes and providers derived from the reference, and the
 * writer the rows go to. Per-person state lives in {@link Person}; each model keeps its own lookup tables and
 * reads its own section of the rates.
 */
final class GeneratorContext {
    final GeneratorReference ref;
    final GeneratorSettings settings;
    final GeneratorRates rates;
    /** First and last day of the activity history (epoch days). */
    final int startDay;
    final int endDay;
    final ConditionCodes codes;
    final List<String> acuteProviders;
    final List<String> communityProviders;
    final List<String> mentalHealthProviders;
    final PersonTokens tokens;
    final RecordWriter out;

    GeneratorContext(GeneratorReference ref, GeneratorSettings settings, TableSink sink) {
        this.ref = ref;
        this.settings = settings;
        this.rates = settings.rates;
        this.endDay = Days.of(settings.endDate);
        this.startDay = Days.of(settings.startDate());
        this.codes = new ConditionCodes(ref);
        this.acuteProviders = providers(ref, "acute", "A");
        this.communityProviders = providers(ref, "community", "C");
        this.mentalHealthProviders = providers(ref, "mental_health", "M");
        this.tokens = new PersonTokens(settings.seed);
        this.out = new RecordWriter(sink, settings, endDay, tokens);
    }

    /** Providers from the reference; where an ICB has none listed, a clearly synthetic placeholder code. */
    private static List<String> providers(GeneratorReference ref, String kind, String letter) {
        List<String> p = ref.providers.getOrDefault(kind, List.of());
        if (!p.isEmpty()) {
            return p;
        }
        return List.of("SYN" + letter + "1", "SYN" + letter + "2");
    }

    /**
     * First and last day of history year {@code y} (0-based). Years are 365 days from the start, as the
     * yearly activity loops have always counted them.
     */
    int yearStart(int y) {
        return startDay + y * 365;
    }

    int yearEnd(int y) {
        return startDay + (y + 1) * 365 - 1;
    }
}
