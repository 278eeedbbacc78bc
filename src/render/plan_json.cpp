#include "render/plan_json.hpp"

#include "render/plan_text.hpp"

#include <nlohmann/json.hpp>

#include "render/api_error_json.hpp"
#include "render/json_document.hpp"
#include "util/version.hpp"

namespace descope_mgmt::render {

using nlohmann::json;

json value_to_json(const plan::Value& value) {
    struct Visitor {
        json operator()(std::monostate) const { return nullptr; }
        json operator()(bool b) const { return b; }
        json operator()(std::int64_t i) const { return i; }
        json operator()(double d) const { return d; }
        json operator()(const std::string& s) const { return s; }
        json operator()(const std::vector<std::string>& v) const { return v; }
    };
    return std::visit(Visitor{}, value);
}

namespace {

json change_to_json(const plan::Change& c) {
    json j = json::object();
    j["action"] = std::string(plan::to_string(c.action));
    j["type"] = std::string(plan::to_string(c.kind));
    j["key"] = c.key;
    j["address"] = std::string(plan::to_string(c.kind)) + ":" + c.key;
    json fields = json::array();
    for (const plan::FieldChange& f : c.fields) {
        fields.push_back({{"name", f.field},
                          {"before", value_to_json(f.before)},
                          {"after", value_to_json(f.after)}});
    }
    j["fields"] = std::move(fields);
    if (!c.json_changes.empty()) {
        json paths = json::array();
        for (const plan::JsonChange& p : c.json_changes)
            paths.push_back(p);
        j["json_changes"] = std::move(paths);
    }
    j["depends_on"] = c.depends_on;
    if (!c.reason.empty()) j["reason"] = c.reason;
    return j;
}

}  // namespace

json environment_plan_to_json(const plan::EnvironmentPlan& plan) {
    const plan::Summary s = plan.summary();
    json changes = json::array();
    for (const plan::Change& c : plan.changes)
        changes.push_back(change_to_json(c));
    json entry{{"name", plan.environment},
               {"project_id", plan.project_id},
               {"status", plan.read_error ? "error" : "ok"},
               {"protected", plan.is_protected},
               {"base_url_override",
                plan.base_url_override ? json(*plan.base_url_override) : json(nullptr)},
               {"has_changes", s.total() > 0},
               {"summary",
                {{"create", s.create},
                 {"update", s.update},
                 {"replace", s.replace},
                 {"delete", s.remove}}},
               {"changes", std::move(changes)},
               {"notes", plan.notes}};
    if (plan.read_error) entry["error"] = api_error_json(*plan.read_error);
    return entry;
}

json plan_to_json(const plan::Plan& plan) {
    json envs = json::array();
    for (const auto& e : plan.environments)
        envs.push_back(environment_plan_to_json(e));
    return json{{"format_version", kPlanFormatVersion},
                {"tool_version", std::string(util::kVersion)},
                {"has_changes", plan.has_changes()},
                {"environments", std::move(envs)}};
}

View plan_view(const plan::Plan& plan, const TextStyle& style) {
    return make_view(render_plan_text(plan, style), plan_to_json(plan));
}

std::string render_plan_json(const plan::Plan& plan) {
    return json_document(plan_to_json(plan));
}

}  // namespace descope_mgmt::render
