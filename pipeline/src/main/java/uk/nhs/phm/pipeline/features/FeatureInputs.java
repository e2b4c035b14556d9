package uk.nhs.phm.pipeline.features;

import java.io.Serializable;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.reference.EfiDeficits;
import uk.nhs.phm.pipeline.reference.ReferenceData;
import uk.nhs.phm.pipeline.reference.ScoreLists;

/** What the feature families compute from: the accepted tables, reference data, code lists, score lists and T. */
public final class FeatureInputs implements Serializable {
    public final InputData data;
    public final ReferenceData reference;
    public final ConditionCodeLists codeLists;
    public final EfiDeficits efiDeficits;
    public final ScoreLists scores;
    public final FeatureSettings settings;

    public FeatureInputs(InputData data, ReferenceData reference, ConditionCodeLists codeLists, EfiDeficits efiDeficits,
                         ScoreLists scores, FeatureSettings settings) {
        this.data = data;
        this.reference = reference;
        this.codeLists = codeLists;
        this.efiDeficits = efiDeficits;
        this.scores = scores;
        this.settings = settings;
    }
}
