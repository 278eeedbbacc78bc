#include "wire/flow_wire.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_reader.hpp"

namespace descope_mgmt::wire {

using nlohmann::json;

util::Result<std::vector<model::FlowSummary>> parse_flow_list(const json& body) {
    ObjectReader r(body, "");
    const json* list = r.required_array("flows");
    if (!r.ok()) return util::unexpected(r.error());
    std::vector<model::FlowSummary> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        ObjectReader f((*list)[i], "flows[" + std::to_string(i) + "]");
        model::FlowSummary s;
        s.id = f.required_string("id");
        s.name = f.string("name");
        s.description = f.string("description");
        s.disabled = f.boolean("disabled");
        if (!f.ok()) return util::unexpected(f.error());
        out.push_back(std::move(s));
    }
    return out;
}

json flow_export_body(const std::string& id) {
    return json{{"flowId", id}};
}

util::Result<model::Flow> parse_flow_export(const std::string& id, const json& body) {
    ObjectReader r(body, "");
    const json* flow = r.object("flow");
    const json* screens = r.array("screens");
    if (!r.ok()) return util::unexpected(r.error());
    if (!flow) return util::error("flow: missing from the export answer");
    json doc{{"flow", *flow}, {"screens", screens ? *screens : json::array()}};
    return model::Flow{id, to_text(doc)};
}

util::Result<json> flow_import_body(const model::Flow& flow) {
    auto doc = parse_json(flow.document);
    if (!doc) return util::error("flow \"" + flow.id + "\" document: " + doc.error().message);
    ObjectReader r(*doc, "");
    const json* f = r.object("flow");
    const json* screens = r.array("screens");
    if (!r.ok()) return util::error("flow \"" + flow.id + "\" document: " + r.error().message);
    if (!f) return util::error("flow \"" + flow.id + "\" document: no \"flow\" object");
    // Each screen names its flow, as in the SDK's import trace (descope-api.md §11); files may
    // leave it out (the canonical form ignores it: it is always the flow being imported).
    json out_screens = screens ? *screens : json::array();
    for (auto& screen : out_screens)
        if (screen.is_object()) screen["flowId"] = flow.id;
    return json{{"flowId", flow.id}, {"flow", *f}, {"screens", std::move(out_screens)}};
}

json flow_delete_body(const std::vector<std::string>& ids) {
    return json{{"ids", ids}};
}

util::Result<model::Theme> parse_theme_export(const json& body) {
    ObjectReader r(body, "");
    const json* theme = r.object("theme");
    if (!r.ok()) return util::unexpected(r.error());
    if (!theme) return util::error("theme: missing from the export answer");
    return model::Theme{to_text(json{{"theme", *theme}})};
}

util::Result<json> theme_import_body(const model::Theme& theme) {
    auto doc = parse_json(theme.document);
    if (!doc) return util::error("theme document: " + doc.error().message);
    ObjectReader r(*doc, "");
    const json* t = r.object("theme");
    if (!r.ok()) return util::error("theme document: " + r.error().message);
    if (!t) return util::error("theme document: no \"theme\" object");
    return json{{"theme", *t}};
}

}  // namespace descope_mgmt::wire
