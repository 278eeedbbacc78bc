#include "backup/plan_file.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "backup/checksum.hpp"
#include "backup/state_json.hpp"
#include "plan/drift.hpp"
#include "plan/target.hpp"

namespace descope_mgmt::backup {

using nlohmann::json;

namespace {

const char* prune_word_in_plan_file(model::PruneType t) {
    switch (t) {
        case model::PruneType::tenants:
            return "tenants";
        case model::PruneType::roles:
            return "roles";
        case model::PruneType::permissions:
            return "permissions";
        case model::PruneType::flows:
            return "flows";
    }
    return "";
}

std::optional<model::PruneType> prune_from_in_plan_file(const std::string& word) {
    for (auto t : {model::PruneType::tenants, model::PruneType::roles,
                   model::PruneType::permissions, model::PruneType::flows})
        if (word == prune_word_in_plan_file(t)) return t;
    return std::nullopt;
}

/// "sha256:" + the hex SHA-256 of the document's compact text without its checksum.
std::string checksum_of_in_plan_file(json document) {
    document.erase("checksum");
    return "sha256:" + sha256_hex(document.dump());
}

}  // namespace

std::string config_digest(const std::vector<model::DesiredState>& desired) {
    json all = json::array();
    for (const auto& d : desired)
        all.push_back(desired_to_json(d));
    return "sha256:" + sha256_hex(all.dump());
}

std::string plan_file_text(const PlanFile& file, const json& plan_document) {
    json environments = json::array();
    for (const SavedEnvironment& e : file.environments) {
        environments.push_back({{"name", e.name},
                                {"project_id", e.project_id},
                                {"protected", e.is_protected},
                                {"read_at", e.read_at},
                                {"base_url_override",
                                 e.base_url_override ? json(*e.base_url_override) : json(nullptr)},
                                {"desired", desired_to_json(e.desired)},
                                {"live", live_to_json(e.live)}});
    }
    json prune = json::array();
    for (const auto t : file.options.prune)
        prune.push_back(prune_word_in_plan_file(t));
    json targets = json::array();
    for (const auto& t : file.options.targets)
        targets.push_back(t.to_string());
    json doc = {{"format", kPlanFileFormat},
                {"format_version", kPlanFileFormatVersion},
                {"tool_version", file.tool_version},
                {"created_at", file.created_at},
                {"config", {{"path", file.config_path}, {"digest", file.config_digest}}},
                {"options", {{"prune", std::move(prune)}, {"targets", std::move(targets)}}},
                {"environments", std::move(environments)},
                {"plan", plan_document}};
    doc["checksum"] = checksum_of_in_plan_file(doc);
    return doc.dump(2) + "\n";
}

util::Result<PlanFile> parse_plan_file(std::string_view text, const std::string& path) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded())
        return util::error(
            fmt::format("{}: not a plan file: not valid JSON (truncated or corrupted?)", path));
    if (!doc.is_object() || !doc.contains("format") || !doc["format"].is_string() ||
        doc["format"].get<std::string>() != kPlanFileFormat)
        return util::error(fmt::format(
            "{}: not a plan file (make one with `descope-mgmt plan --out FILE`)", path));
    if (!doc.contains("format_version") || !doc["format_version"].is_number_integer() ||
        doc["format_version"].get<int>() != kPlanFileFormatVersion)
        return util::error(
            fmt::format("{}: plan file format_version {} is not {}, the one this "
                        "version of descope-mgmt reads",
                        path, doc.value("format_version", json()).dump(), kPlanFileFormatVersion));
    if (!doc.contains("checksum") || !doc["checksum"].is_string() ||
        doc["checksum"].get<std::string>() != checksum_of_in_plan_file(doc))
        return util::error(fmt::format(
            "{}: the plan file does not match its checksum: it was edited, truncated or "
            "corrupted after `plan --out` wrote it; make a new one",
            path));
    try {
        PlanFile file;
        file.tool_version = doc.at("tool_version").get<std::string>();
        file.created_at = doc.at("created_at").get<std::string>();
        file.config_path = doc.at("config").at("path").get<std::string>();
        file.config_digest = doc.at("config").at("digest").get<std::string>();
        for (const auto& word : doc.at("options").at("prune")) {
            auto t = prune_from_in_plan_file(word.get<std::string>());
            if (!t) throw std::invalid_argument("options.prune: unknown type " + word.dump());
            file.options.prune.insert(*t);
        }
        for (const auto& text_target : doc.at("options").at("targets")) {
            auto t = plan::parse_target(text_target.get<std::string>());
            if (!t) throw std::invalid_argument("options.targets: " + t.error().message);
            file.options.targets.push_back(*t);
        }
        for (const auto& e : doc.at("environments")) {
            SavedEnvironment saved;
            saved.name = e.at("name").get<std::string>();
            saved.project_id = e.at("project_id").get<std::string>();
            saved.is_protected = e.at("protected").get<bool>();
            saved.read_at = e.at("read_at").get<std::string>();
            if (const auto& url = e.at("base_url_override"); !url.is_null())
                saved.base_url_override = url.get<std::string>();
            auto desired = desired_from_json(e.at("desired"));
            if (!desired)
                throw std::invalid_argument(saved.name + ".desired: " + desired.error().message);
            auto live = live_from_json(e.at("live"));
            if (!live) throw std::invalid_argument(saved.name + ".live: " + live.error().message);
            saved.desired = std::move(*desired);
            saved.live = std::move(*live);
            file.environments.push_back(std::move(saved));
        }
        return file;
    } catch (const std::exception& e) {
        return util::error(fmt::format("{}: not a valid plan file: {}", path, e.what()));
    }
}

util::Result<plan::Plan> replan(const PlanFile& file) {
    plan::Plan out;
    for (const SavedEnvironment& e : file.environments) {
        auto p = plan::diff(e.desired, e.live, file.options);
        if (!p) return util::error(fmt::format("{}: {}", e.name, p.error().text()));
        p->project_id = e.project_id;
        p->is_protected = e.is_protected;
        p->base_url_override = e.base_url_override;
        out.environments.push_back(std::move(*p));
    }
    return out;
}

std::set<std::string> touched_addresses(const plan::EnvironmentPlan& plan) {
    std::set<std::string> out;
    for (const plan::Change& c : plan.changes) {
        if (c.action == plan::Action::no_op) continue;
        if (c.kind == plan::ResourceKind::tenant_settings) {
            out.insert("tenant_settings:" + c.key);
            out.insert("tenant:" + c.key);
            continue;
        }
        const bool removes = c.action == plan::Action::remove || c.action == plan::Action::replace;
        // A deleted flow was only listed by the plan (never exported): compare its listing.
        if (c.kind == plan::ResourceKind::flow && c.action == plan::Action::remove)
            out.insert("flow_listed:" + c.key);
        else
            out.insert(plan::drift_address(c));
        // What the change leans on: a tenant role's tenant, a tenant's parent, a role's
        // permissions, the roles a tenant's default roles name.
        const auto* resource = c.desired ? &*c.desired : (c.live ? &*c.live : nullptr);
        if (resource == nullptr) continue;
        if (const auto* r = std::get_if<model::Role>(resource)) {
            if (!r->tenant_id.empty()) out.insert("tenant:" + r->tenant_id);
            for (const auto& p : r->permissions)
                out.insert("permission:" + p);
            // What a deleted role takes with it: the tenants whose default roles name it.
            if (removes) out.insert("tenants_naming_role:" + plan::role_key(*r));
        }
        if (const auto* t = std::get_if<model::Tenant>(resource)) {
            if (!t->parent.empty()) out.insert("tenant:" + t->parent);
            for (const auto& name : t->default_roles) {
                out.insert("role:" + name);
                out.insert("role:" + t->id + "/" + name);
            }
            // What a deleted tenant takes with it: its roles and child tenants.
            if (removes) out.insert("tenant_dependents:" + t->id);
        }
        if (const auto* p = std::get_if<model::Permission>(resource); p && removes)
            out.insert("roles_using_permission:" + p->name);
    }
    return out;
}

plan::ReadScope recheck_scope(const std::set<std::string>& touched) {
    plan::ReadScope scope;
    scope.settings_for = std::set<std::string>{};
    scope.flows = std::set<std::string>{};
    for (const std::string& a : touched) {
        if (a.starts_with("tenant_settings:")) scope.settings_for->insert(a.substr(16));
        if (a.starts_with("flow:")) scope.flows->insert(a.substr(5));
        if (a == "theme") scope.theme = true;
        if (a == "project") scope.project_name = plan::ReadScope::ProjectName::read;
    }
    return scope;
}

std::vector<std::string> moved_objects(const SavedEnvironment& saved, const model::LiveState& now,
                                       const std::set<std::string>& touched) {
    std::vector<std::string> out;
    for (const std::string& a : touched)
        if (live_object_json(saved.live, a) != live_object_json(now, a)) out.push_back(a);
    return out;
}

}  // namespace descope_mgmt::backup
