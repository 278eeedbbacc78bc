#include "render/apply_json.hpp"

#include "render/apply_text.hpp"

#include <nlohmann/json.hpp>

#include "render/json_document.hpp"
#include "render/plan_json.hpp"
#include "util/version.hpp"

namespace descope_mgmt::render {

using nlohmann::json;

namespace {

json error_to_json(const api::ApiError& e) {
    json j{{"environment", e.environment}, {"operation", e.operation},   {"subject", e.subject},
           {"http_status", e.http_status}, {"error_code", e.error_code}, {"message", e.message},
           {"retryable", e.retryable},     {"text", e.to_string()}};
    return j;
}

}  // namespace

json report_to_json(const plan::EnvironmentPlan& plan, const apply::EnvironmentReport& r) {
    json changes = json::array();
    for (const apply::ChangeResult& c : r.results) {
        const plan::Change& change = plan.changes[c.index];
        json j{{"index", c.index},
               {"action", std::string(plan::to_string(change.action))},
               {"type", std::string(plan::to_string(change.kind))},
               {"key", change.key},
               {"outcome", std::string(api::to_string(c.outcome))},
               {"api_calls", c.api_calls},
               {"elapsed_ms", c.elapsed.count()}};
        if (c.error) j["error"] = error_to_json(*c.error);
        if (!c.blocked_by.empty()) j["blocked_by"] = c.blocked_by;
        changes.push_back(std::move(j));
    }
    json doc{{"name", r.environment},        {"ok", r.ok()},
             {"created", r.created},         {"updated", r.updated},
             {"replaced", r.replaced},       {"deleted", r.deleted},
             {"failed", r.failed},           {"skipped", r.skipped},
             {"not_started", r.not_started}, {"api_calls", r.api_calls},
             {"read_calls", r.read_calls},   {"apply_calls", r.apply_calls()},
             {"retries", r.retries},         {"elapsed_ms", r.elapsed.count()},
             {"interrupted", r.interrupted}, {"started", r.started},
             {"changes", std::move(changes)}};
    if (!r.started) doc["stopped_by"] = r.stopped_by.empty() ? json(nullptr) : json(r.stopped_by);
    return doc;
}

namespace {

json totals_to_json(const apply::RunTotals& t) {
    return json{{"environments", t.environments}, {"created", t.created},
                {"updated", t.updated},           {"replaced", t.replaced},
                {"deleted", t.deleted},           {"failed", t.failed},
                {"skipped", t.skipped},           {"not_started", t.not_started},
                {"api_calls", t.api_calls},       {"read_calls", t.read_calls},
                {"apply_calls", t.apply_calls()}, {"retries", t.retries}};
}

}  // namespace

json apply_to_json(const plan::Plan& plan, const std::vector<apply::EnvironmentReport>& reports,
                   bool applied, const apply::RunTotals* totals) {
    json list = json::array();
    bool ok = true;
    for (const apply::EnvironmentReport& r : reports) {
        const plan::EnvironmentPlan* p = nullptr;
        for (const auto& e : plan.environments) {
            if (e.environment == r.environment) p = &e;
        }
        if (p == nullptr) continue;
        list.push_back(report_to_json(*p, r));
        ok = ok && r.ok();
    }
    ok = ok && !plan.has_read_errors();  // an environment that was not read did not succeed
    json doc{{"format_version", kPlanFormatVersion},
             {"tool_version", std::string(util::kVersion)},
             {"plan", plan_to_json(plan)},
             {"applied", applied},
             {"ok", ok},
             {"reports", std::move(list)}};
    if (totals != nullptr) doc["totals"] = totals_to_json(*totals);
    return doc;
}

View apply_view(const plan::Plan& plan, const std::vector<apply::EnvironmentReport>& reports,
                bool applied, const ApplyViewOptions& options) {
    std::string text;
    for (const apply::EnvironmentReport& r : reports) {
        for (const auto& e : plan.environments)
            if (e.environment == r.environment)
                text += render_report_text(e, r, options.style, options.each_not_started);
    }
    if (!text.empty() && options.totals && options.totals->environments > 1)
        text += render_totals_text(*options.totals, options.style);
    if (!text.empty()) text = "\n" + text;
    return make_view(std::move(text), apply_to_json(plan, reports, applied,
                                                    options.totals ? &*options.totals : nullptr));
}

View apply_view(const plan::Plan& plan, const std::vector<apply::EnvironmentReport>& reports,
                bool applied, const TextStyle& style) {
    ApplyViewOptions options;
    options.style = style;
    return apply_view(plan, reports, applied, options);
}

std::string render_apply_json(const plan::Plan& plan,
                              const std::vector<apply::EnvironmentReport>& reports, bool applied) {
    return json_document(apply_to_json(plan, reports, applied));
}

}  // namespace descope_mgmt::render
