#include "wire/tenant_wire.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "util/strings.hpp"
#include "wire/json_reader.hpp"

namespace descope_mgmt::wire {

using nlohmann::json;

json custom_attributes_to_json(const model::CustomAttributes& attributes) {
    json out = json::object();
    for (const auto& [key, value] : attributes) {
        std::visit([&out, &k = key](const auto& v) { out[k] = v; }, value);
    }
    return out;
}

util::Result<model::CustomAttributes> custom_attributes_from_json(const json& object,
                                                                  const std::string& path) {
    if (!object.is_object()) {
        return util::error(path + ": expected an object, got " + json_type_name(object));
    }
    model::CustomAttributes out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const json& v = it.value();
        const std::string where = path + "." + it.key();
        if (v.is_null()) continue;  // an unset attribute
        if (v.is_string()) {
            out[it.key()] = v.get<std::string>();
        } else if (v.is_boolean()) {
            out[it.key()] = v.get<bool>();
        } else if (v.is_number_integer()) {
            out[it.key()] = v.get<std::int64_t>();
        } else if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            if (u <= static_cast<std::uint64_t>(INT64_MAX)) {
                out[it.key()] = static_cast<std::int64_t>(u);
            } else {
                out[it.key()] = static_cast<double>(u);
            }
        } else if (v.is_number_float()) {
            out[it.key()] = v.get<double>();
        } else if (v.is_array()) {
            std::vector<std::string> items;
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (!v[i].is_string()) {
                    return util::error(where + "[" + std::to_string(i) +
                                       "]: expected a string, got " + json_type_name(v[i]));
                }
                items.push_back(v[i].get<std::string>());
            }
            out[it.key()] = std::move(items);
        } else {
            return util::error(where +
                               ": expected a string, number, bool or list of strings, got " +
                               json_type_name(v));
        }
    }
    return out;
}

namespace {

/// JSON's integer grammar (-?digits): nlohmann reads one too big for 64 bits as a float.
bool looks_like_integer(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '-') text.remove_prefix(1);
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

util::Result<std::optional<model::AttributeValue>> attribute_value_from_json_text(
    std::string_view text) {
    constexpr const char* kExpected = "a number, true/false, a \"string\" or a list of strings";
    if (util::find_too_deep_json(text)) return util::error(std::string("expected ") + kExpected);
    json v;
    try {
        v = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        if (text.empty()) return util::error(std::string("empty; expected ") + kExpected);
        return util::error("not JSON (" + util::json_parse_reason(e.what()) +
                           "); a string is quoted, as in '\"text\"', or given with --attr");
    } catch (const json::exception&) {  // out_of_range: a number too large for a double
        return util::error("the number is too large; give it as a string to keep every digit");
    }
    if (v.is_null()) return std::optional<model::AttributeValue>{};
    if (v.is_boolean()) return std::optional<model::AttributeValue>{v.get<bool>()};
    if (v.is_string()) return std::optional<model::AttributeValue>{v.get<std::string>()};
    if (v.is_number_integer() && !v.is_number_unsigned()) {
        return std::optional<model::AttributeValue>{v.get<std::int64_t>()};
    }
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(INT64_MAX))
            return std::optional<model::AttributeValue>{static_cast<std::int64_t>(u)};
    }
    if (v.is_number_unsigned() || (v.is_number_float() && looks_like_integer(text))) {
        return util::error(
            "the integer is too large (at most 9223372036854775807, at least "
            "-9223372036854775808); give it as a string to keep every digit");
    }
    if (v.is_number_float()) return std::optional<model::AttributeValue>{v.get<double>()};
    if (v.is_array()) {
        std::vector<std::string> items;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string()) {
                const std::string type = json_type_name(v[i]);
                const bool vowel =
                    std::string_view("aeiou").find(type.front()) != std::string_view::npos;
                return util::error("item " + std::to_string(i + 1) + " of the list is " +
                                   (vowel ? "an " : "a ") + type + "; a list holds strings only");
            }
            items.push_back(v[i].get<std::string>());
        }
        return std::optional<model::AttributeValue>{std::move(items)};
    }
    return util::error("an " + json_type_name(v) + "; expected " + kExpected);
}

json tenant_to_json(const model::Tenant& t) {
    return json{
        {"id", t.id},
        {"name", t.name},
        {"selfProvisioningDomains", t.self_provisioning_domains},
        {"customAttributes", custom_attributes_to_json(t.custom_attributes)},
        {"authType", "none"},
        {"domains", json::array()},
        {"createdTime", 0},
        {"disabled", t.disabled},
        {"enforceSSO", t.enforce_sso},
        {"enforceSSOExclusions", t.enforce_sso_exclusions.value_or(std::vector<std::string>{})},
        {"federatedAppIds", t.federated_app_ids.value_or(std::vector<std::string>{})},
        {"parent", t.parent},
        {"successors", json::array()},
        {"defaultRoles", t.default_roles},
        {"roleInheritance", t.role_inheritance.value_or("")}};
}

util::Result<model::Tenant> tenant_from_json(const json& object, const std::string& path) {
    ObjectReader r(object, path);
    model::Tenant t;
    t.id = r.required_string("id");
    t.name = r.string("name");
    t.self_provisioning_domains = r.strings("selfProvisioningDomains");
    if (const json* attrs = r.object("customAttributes")) {
        auto parsed = custom_attributes_from_json(*attrs, r.child_path("customAttributes"));
        if (parsed) {
            t.custom_attributes = std::move(*parsed);
        } else {
            r.absorb(parsed.error());
        }
    }
    t.enforce_sso = r.boolean("enforceSSO");
    t.disabled = r.boolean("disabled");
    t.parent = r.string("parent");
    t.default_roles = r.strings("defaultRoles");
    t.role_inheritance = r.string("roleInheritance");
    t.enforce_sso_exclusions = r.strings("enforceSSOExclusions");
    t.federated_app_ids = r.strings("federatedAppIds");
    if (!r.ok()) return util::unexpected(r.error());
    return t;
}

util::Result<std::vector<model::Tenant>> parse_tenant_list(const json& body) {
    ObjectReader r(body, "");
    const json* list = r.required_array("tenants");
    if (!r.ok()) return util::unexpected(r.error());
    std::vector<model::Tenant> out;
    out.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto t = tenant_from_json((*list)[i], "tenants[" + std::to_string(i) + "]");
        if (!t) return util::unexpected(t.error());
        out.push_back(std::move(*t));
    }
    return out;
}

const json* raw_tenant_in_load(const json& body) {
    if (!body.is_object()) return nullptr;
    auto it = body.find("tenant");
    if (it != body.end() && it->is_object()) return &*it;
    return &body;
}

util::Result<model::Tenant> parse_tenant_load(const json& body) {
    if (!body.is_object()) {
        return util::error("body: expected an object, got " + json_type_name(body));
    }
    auto it = body.find("tenant");
    if (it != body.end() && it->is_object()) return tenant_from_json(*it, "tenant");
    return tenant_from_json(body, "");
}

json tenant_create_body(const model::Tenant& t) {
    json body{{"name", t.name},
              {"selfProvisioningDomains", t.self_provisioning_domains},
              {"customAttributes", custom_attributes_to_json(t.custom_attributes)},
              {"enforceSSO", t.enforce_sso},
              {"disabled", t.disabled}};
    if (!t.id.empty()) body["id"] = t.id;
    if (!t.parent.empty()) body["parent"] = t.parent;
    if (t.role_inheritance) body["roleInheritance"] = *t.role_inheritance;
    if (t.enforce_sso_exclusions) body["enforceSSOExclusions"] = *t.enforce_sso_exclusions;
    if (t.federated_app_ids) body["federatedAppIds"] = *t.federated_app_ids;
    return body;
}

util::Result<std::string> parse_tenant_create_answer(const json& body) {
    ObjectReader r(body, "");
    std::string id = r.string("id");
    if (!r.ok()) return util::unexpected(r.error());
    if (id.empty()) return util::error("id: missing from the create answer");
    return id;
}

json tenant_update_body(const model::Tenant& t, const json* live) {
    json body{{"id", t.id},
              {"name", t.name},
              {"selfProvisioningDomains", t.self_provisioning_domains},
              {"customAttributes", custom_attributes_to_json(t.custom_attributes)},
              {"enforceSSO", t.enforce_sso},
              {"disabled", t.disabled}};
    // Declared: sent. Left out of the config: the live value, since update replaces the record.
    auto keep = [&](const char* key, const auto& declared) {
        if (declared) {
            body[key] = *declared;
            return;
        }
        if (!live || !live->is_object()) return;
        auto it = live->find(key);
        if (it != live->end() && !it->is_null()) body[key] = *it;
    };
    keep("roleInheritance", t.role_inheritance);
    keep("enforceSSOExclusions", t.enforce_sso_exclusions);
    keep("federatedAppIds", t.federated_app_ids);
    return body;
}

json tenant_delete_body(const std::string& id, bool cascade) {
    return json{{"id", id}, {"cascade", cascade}};
}

json default_roles_body(const std::string& tenant_id, const std::vector<std::string>& roles) {
    return json{{"id", tenant_id}, {"defaultRoles", roles}};
}

}  // namespace descope_mgmt::wire
