package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.schema.ReportingProvince;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;

/** dataSource is the hub's province: no source reports for another one. */
public final class DataSourceRule implements DomainRule {

    @Override
    public void check(Evaluation e, RuleContext context, List<FieldError> errors) {
        String code = e.dataSource();
        if (code != null && code.matches("[0-9]{3}") && !code.equals(ReportingProvince.DATA_SOURCE)) {
            errors.add(FieldError.of("dataSource", ErrorCode.DATA_SOURCE_NOT_THIS_PROVINCE, "dataSource must be "
                    + ReportingProvince.DATA_SOURCE + " (" + ReportingProvince.NAME + "): the hub reports for this province only; "
                    + "leave the field out and the hub fills it"));
        }
    }
}
