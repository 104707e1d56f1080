package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.schema.ReportingProvince;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;

/** areaCode must be in Jiangsu (32…) and inside the region the sending source is bound to. */
public final class RegionRule implements DomainRule {

    @Override
    public void check(Evaluation e, RuleContext context, List<FieldError> errors) {
        String area = e.areaCode();
        if (area == null || !area.matches("[0-9]{12}")) {
            return;
        }
        if (!area.startsWith(ReportingProvince.REGION_PREFIX)) {
            errors.add(FieldError.of("areaCode", ErrorCode.AREA_NOT_JIANGSU,
                    "areaCode is not a Jiangsu region code (Jiangsu codes start with 32)"));
            return;
        }
        String prefix = significantPrefix(context.sourceRegion());
        if (prefix != null && !area.startsWith(prefix)) {
            errors.add(FieldError.of("areaCode", ErrorCode.AREA_OUTSIDE_SOURCE_REGION,
                    "areaCode is outside this source's region " + context.sourceRegion()));
        }
    }

    /** 320000 → "32", 320500 → "3205", 320506 → "320506". */
    static String significantPrefix(String region) {
        if (region == null || region.isBlank()) {
            return null;
        }
        String r = region.length() > 6 ? region.substring(0, 6) : region;
        if (r.endsWith("0000")) {
            return r.substring(0, 2);
        }
        if (r.endsWith("00")) {
            return r.substring(0, 4);
        }
        return r;
    }
}
