#include "apply/report.hpp"

namespace descope_mgmt::apply {

RunTotals sum_reports(const std::vector<EnvironmentReport>& reports) {
    RunTotals t;
    for (const EnvironmentReport& r : reports) {
        ++t.environments;
        t.created += r.created;
        t.updated += r.updated;
        t.replaced += r.replaced;
        t.deleted += r.deleted;
        t.failed += r.failed;
        t.skipped += r.skipped;
        t.not_started += r.not_started;
        t.api_calls += r.api_calls;
        t.read_calls += r.read_calls;
        t.retries += r.retries;
    }
    return t;
}

}  // namespace descope_mgmt::apply
