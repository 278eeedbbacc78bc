#include "emulator/flow_table.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

namespace descope_mgmt::emulator {

namespace {

using nlohmann::json;
using FT = FieldType;

constexpr FieldSpec kFlowFields[] = {
    {"id", FT::string},
    {"version", FT::integer},
    {"name", FT::string},
    {"description", FT::string},
    {"dsl", FT::object},
    {"modifiedTime", FT::string},
    {"etag", FT::string},
    {"disabled", FT::boolean},
    {"translate", FT::boolean},
    {"translateConnectorID", FT::string},
    {"translateSourceLang", FT::string},
    {"translateTargetLangs", FT::string_list},
    {"fingerprint", FT::boolean},
    {"widget", FT::boolean},
    {"sharedInteractions", FT::array},
    {"management", FT::boolean},
    {"managementConfig", FT::object},
    {"referencesGlobalStrings", FT::boolean},
};
constexpr FieldSpec kScreenFields[] = {
    {"id", FT::string},
    {"version", FT::integer},
    {"flowId", FT::string},
    {"inputs", FT::array},
    {"interactions", FT::array},
    {"htmlTemplate", FT::object},
    {"componentsVersion", FT::string},
};
constexpr FieldSpec kThemeFields[] = {
    {"id", FT::string},          {"version", FT::integer},
    {"cssTemplate", FT::object}, {"componentsVersion", FT::string},
    {"codeMode", FT::boolean},
};

// FNV-1a over the canonical JSON text: equal content gives an equal etag across restarts.
std::string content_hash(const json& content) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : content.dump()) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
    return buffer;
}

/// Sets every field of `zero` that `target` lacks (or has as null, which protojson reads as
/// unset) to its zero value, at every level of nesting.
void fill_zero_values(json& target, const json& zero) {
    for (const auto& [key, value] : zero.items()) {
        const auto it = target.find(key);
        if (it == target.end() || it->is_null())
            target[key] = value;
        else if (value.is_object() && it->is_object())
            fill_zero_values(*it, value);
    }
}

// managementConfig is a message: the server emits every nested field with its zero value
// (descope-api.md §10, "v1 Flow object"), whatever part of it the import left out.
void fill_management_config(json& flow) {
    static const json zero = json::parse(
        R"({"triggers":{"enabled":false,"triggerType":"","eventTriggers":{"triggeringEventTypes":[]}}})");
    json& config = flow["managementConfig"];
    if (!config.is_object()) config = json::object();
    fill_zero_values(config, zero);
}

}  // namespace

struct FlowTable::Rows {
    struct StoredFlow {
        json flow;        // v1 flow object, all fields
        json screens;     // v1 screens, all fields
        json references;  // v2 references, kept for round trips
    };
    std::map<std::string, StoredFlow> flows;
    json theme;
    json theme_references = json::object();
};

FlowTable::FlowTable(std::function<std::int64_t()> now_seconds, std::string theme_id)
    : m_rows(std::make_unique<Rows>())
    , m_now_seconds(std::move(now_seconds))
    , m_theme_id(std::move(theme_id)) {
    m_rows->theme = *normalize(json::object(), kThemeFields);
    m_rows->theme["id"] = m_theme_id;
}
FlowTable::~FlowTable() = default;
FlowTable::FlowTable(FlowTable&&) noexcept = default;
FlowTable& FlowTable::operator=(FlowTable&&) noexcept = default;

Reply FlowTable::list(const json& body) const {
    auto ids = string_list_field(body, "ids");
    if (!ids) return util::unexpected(ids.error());
    json flows = json::array();
    for (const auto& [id, stored] : m_rows->flows) {
        if (!ids->empty() && std::find(ids->begin(), ids->end(), id) == ids->end()) continue;
        flows.push_back(stored.flow);
    }
    const auto total = flows.size();
    return json{{"flows", std::move(flows)}, {"total", total}};
}

Reply FlowTable::export_v1(const json& body) const {
    auto id = string_field(body, "flowId");
    if (!id) return util::unexpected(id.error());
    if (id->empty()) return missing("flowId");
    const auto it = m_rows->flows.find(*id);
    if (it == m_rows->flows.end()) return fail(ErrorKind::not_found, "Failed getting flow");
    return json{{"flow", it->second.flow}, {"screens", it->second.screens}};
}

Reply FlowTable::import_v1(const json& body) {
    auto id = string_field(body, "flowId");
    if (!id) return util::unexpected(id.error());
    const json flow_in = body.value("flow", json::object());
    auto flow = normalize(flow_in, kFlowFields);
    if (!flow) return util::unexpected(flow.error());
    fill_management_config(*flow);
    // The body's flowId wins over flow.id (descope-api.md §10.13).
    const std::string flow_id = !id->empty() ? *id : (*flow)["id"].get<std::string>();
    if (flow_id.empty()) return missing("flowId");
    const json screens_in = body.value("screens", json::array());
    if (!screens_in.is_array()) {
        return fail(ErrorKind::bad_request, "Invalid value for field screens: expected a list");
    }
    json screens = json::array();
    for (const auto& s : screens_in) {
        auto screen = normalize(s, kScreenFields);
        if (!screen) return util::unexpected(screen.error());
        screens.push_back(std::move(*screen));
    }
    const auto existing = m_rows->flows.find(flow_id);
    const long long version =
        existing == m_rows->flows.end() ? 1 : existing->second.flow["version"].get<long long>() + 1;
    json& f = *flow;
    f["id"] = flow_id;
    f["version"] = version;
    f["modifiedTime"] = std::to_string(m_now_seconds());
    for (auto& s : screens)
        s["flowId"] = flow_id;
    // The etag covers what was imported, not the bookkeeping fields.
    json content = f;
    content.erase("version");
    content.erase("modifiedTime");
    content.erase("etag");
    f["etag"] = content_hash(json{{"flow", content}, {"screens", screens}});
    for (auto& s : screens)
        s["version"] = version;
    json references =
        existing == m_rows->flows.end() ? json::object() : existing->second.references;
    m_rows->flows[flow_id] = Rows::StoredFlow{f, screens, std::move(references)};
    return json{{"flow", f}, {"screens", screens}};
}

Reply FlowTable::remove(const json& body) {
    auto ids = string_list_field(body, "ids");
    if (!ids) return util::unexpected(ids.error());
    if (ids->empty()) return missing("ids");
    for (const auto& id : *ids)
        m_rows->flows.erase(id);
    return json::object();
}

Reply FlowTable::export_v2(const json& body) const {
    auto v1 = export_v1(body);
    if (!v1) return v1;
    const json& f = (*v1)["flow"];
    const json& screens = (*v1)["screens"];
    std::string components_version;
    json v2_screens = json::array();
    for (const auto& s : screens) {
        if (components_version.empty()) components_version = s["componentsVersion"];
        v2_screens.push_back({{"screenId", s["id"]},
                              {"interactions", s["interactions"]},
                              {"contents", s["htmlTemplate"]}});
    }
    json metadata = {
        {"name", f["name"]},
        {"description", f["description"]},
        {"componentsVersion", components_version},
        {"disabled", f["disabled"]},
        {"fingerprint", f["fingerprint"]},
        {"widget", f["widget"]},
        {"translation",
         {{"enabled", f["translate"]},
          {"connectorId", f["translateConnectorID"]},
          {"sourceLanguage", f["translateSourceLang"]},
          {"targetLanguages", f["translateTargetLangs"]}}},
        {"sharedInteractions", f["sharedInteractions"]},
        {"management", f["management"]},
        {"managementConfig", f["managementConfig"]},
    };
    json references = m_rows->flows.at(f["id"].get<std::string>()).references;
    return json{{"flow",
                 {{"flowId", f["id"]},
                  {"metadata", std::move(metadata)},
                  {"contents", f["dsl"]},
                  {"screens", std::move(v2_screens)},
                  {"references", std::move(references)}}}};
}

Reply FlowTable::import_v2(const json& body) {
    const json flow = body.is_object() ? body.value("flow", json()) : json();
    if (!flow.is_object()) return missing("flow");
    auto id = string_field(flow, "flowId");
    if (!id) return util::unexpected(id.error());
    if (id->empty()) return missing("flowId");
    const json metadata = flow.value("metadata", json::object());
    const json translation = metadata.value("translation", json::object());
    const std::string components_version = metadata.value("componentsVersion", "");
    json v1_flow = {{"id", *id}, {"dsl", flow.value("contents", json::object())}};
    for (const char* key : {"name", "description", "disabled", "fingerprint", "widget",
                            "sharedInteractions", "management", "managementConfig"}) {
        if (metadata.contains(key)) v1_flow[key] = metadata[key];
    }
    v1_flow["translate"] = translation.value("enabled", false);
    v1_flow["translateConnectorID"] = translation.value("connectorId", "");
    v1_flow["translateSourceLang"] = translation.value("sourceLanguage", "");
    v1_flow["translateTargetLangs"] = translation.value("targetLanguages", json::array());
    json v1_screens = json::array();
    for (const auto& s : flow.value("screens", json::array())) {
        v1_screens.push_back({{"id", s.value("screenId", "")},
                              {"interactions", s.value("interactions", json::array())},
                              {"htmlTemplate", s.value("contents", json::object())},
                              {"componentsVersion", components_version}});
    }
    auto imported = import_v1({{"flowId", *id}, {"flow", v1_flow}, {"screens", v1_screens}});
    if (!imported) return imported;
    m_rows->flows[*id].references = flow.value("references", json::object());
    return json::object();
}

Reply FlowTable::export_theme_v1() const {
    return json{{"theme", m_rows->theme}};
}

Reply FlowTable::import_theme_v1(const json& body) {
    const json theme_in = body.is_object() ? body.value("theme", json()) : json();
    if (!theme_in.is_object()) return missing("theme");
    auto theme = normalize(theme_in, kThemeFields);
    if (!theme) return util::unexpected(theme.error());
    // id and version are the server's: what the client sends is ignored (R8).
    (*theme)["id"] = m_theme_id;
    (*theme)["version"] = m_rows->theme["version"].get<long long>() + 1;
    m_rows->theme = std::move(*theme);
    return json{{"theme", m_rows->theme}};
}

Reply FlowTable::export_theme_v2() const {
    return json{{"theme",
                 {{"styles", m_rows->theme["cssTemplate"]},
                  {"componentsVersion", m_rows->theme["componentsVersion"]},
                  {"references", m_rows->theme_references}}}};
}

Reply FlowTable::import_theme_v2(const json& body) {
    const json theme = body.is_object() ? body.value("theme", json()) : json();
    if (!theme.is_object()) return missing("theme");
    auto imported = import_theme_v1({{"theme",
                                      {{"id", m_rows->theme["id"]},
                                       {"cssTemplate", theme.value("styles", json::object())},
                                       {"componentsVersion", theme.value("componentsVersion", "")},
                                       {"codeMode", m_rows->theme["codeMode"]}}}});
    if (!imported) return imported;
    m_rows->theme_references = theme.value("references", json::object());
    return json::object();
}

json FlowTable::to_json() const {
    json flows = json::array();
    for (const auto& [id, stored] : m_rows->flows) {
        flows.push_back({{"flow", stored.flow},
                         {"screens", stored.screens},
                         {"references", stored.references}});
    }
    return json{{"flows", std::move(flows)},
                {"theme", m_rows->theme},
                {"themeReferences", m_rows->theme_references}};
}

util::Result<void, StoreError> FlowTable::load_json(const json& data) {
    if (!data.is_object()) return fail(ErrorKind::bad_request, "flows must be an object");
    Rows rows;
    for (const auto& entry : data.value("flows", json::array())) {
        auto flow = normalize(entry.value("flow", json::object()), kFlowFields);
        if (!flow) return util::unexpected(flow.error());
        fill_management_config(*flow);
        json screens = json::array();
        for (const auto& s : entry.value("screens", json::array())) {
            auto screen = normalize(s, kScreenFields);
            if (!screen) return util::unexpected(screen.error());
            screens.push_back(std::move(*screen));
        }
        const std::string id = (*flow)["id"];
        rows.flows[id] = Rows::StoredFlow{std::move(*flow), std::move(screens),
                                          entry.value("references", json::object())};
    }
    auto theme = normalize(data.value("theme", json::object()), kThemeFields);
    if (!theme) return util::unexpected(theme.error());
    if ((*theme)["id"] == "") (*theme)["id"] = m_theme_id;  // a file from before R8
    rows.theme = std::move(*theme);
    rows.theme_references = data.value("themeReferences", json::object());
    *m_rows = std::move(rows);
    return {};
}

}  // namespace descope_mgmt::emulator
