package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.schema.ReportingProvince;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;

/**
 * A case number that begins with a Jiangsu region code (its first six characters digits starting with 32, such as
 * {@code 320500-2026-SZ-0000002} or {@code 3205002026000123}) is a case of that region: only a source whose region
 * holds that region may send it, so that no city takes, and so pre-empts, a case number of another city. A case
 * number without such a prefix names no region; its record is held to its areaCode alone ({@link RegionRule}).
 */
public final class CaseNumberRegionRule implements DomainRule {

    /** Digits of a region code at the start of a case number. */
    static final int PREFIX_LENGTH = 6;

    @Override
    public void check(Evaluation e, RuleContext context, List<FieldError> errors) {
        String caseRegion = regionOf(e.projectNo());
        String sourcePrefix = RegionRule.significantPrefix(context.sourceRegion());
        if (caseRegion != null && sourcePrefix != null && !caseRegion.startsWith(sourcePrefix)) {
            errors.add(FieldError.of("projectNo", ErrorCode.CASE_NUMBER_OUTSIDE_SOURCE_REGION, "the case number begins with the "
                    + "region code of a case outside this source's region " + context.sourceRegion() + " (its first six digits); "
                    + "a source sends ratings only of its own region's cases"));
        }
    }

    /** The region code a case number begins with, or null when it begins with none. */
    static String regionOf(String projectNo) {
        if (projectNo == null || projectNo.length() < PREFIX_LENGTH || !projectNo.startsWith(ReportingProvince.REGION_PREFIX)) {
            return null;
        }
        for (int i = 0; i < PREFIX_LENGTH; i++) {
            char c = projectNo.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return projectNo.substring(0, PREFIX_LENGTH);
    }
}
