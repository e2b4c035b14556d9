package uk.nhs.phm.pipeline.stages;

import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.run.AsOfDate;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;

/** Chooses T: the configured as-of date, else the latest activity in the validated extract. */
public final class ResolveAsOfDate implements Stage {
    private static final Logger LOG = LogManager.getLogger(ResolveAsOfDate.class);

    @Override
    public String name() {
        return "as-of date";
    }

    @Override
    public Set<Key<?>> needs() {
        return Keys.allValidated();
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.AS_OF);
    }

    @Override
    public void check(RunContext ctx) {
        AsOfDate.checkConfigured(ctx.settings.get(PhmSettings.AS_OF), ctx.today, ctx.where(PhmSettings.AS_OF.key));
    }

    @Override
    public StageResult run(RunContext ctx) {
        AsOfDate t = AsOfDate.resolve(ctx.settings.get(PhmSettings.AS_OF), ctx.summaries());
        LOG.info("As-of date T = {}", t);
        return StageResult.of().put(Keys.AS_OF, t);
    }
}
