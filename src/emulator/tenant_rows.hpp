#pragma once
// Internal to tenant_table*.cpp: the stored rows of a TenantTable and the helpers its two source
// files share (tenant_table.cpp: the tenants; tenant_settings.cpp: settings and default roles).

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/tenant_table.hpp"

namespace descope_mgmt::emulator::tenant_detail {

using nlohmann::json;
using FT = FieldType;

// Settings owned by tenant/settings alone; the shared ones live in the tenant record.
inline constexpr FieldSpec kSettingsFields[] = {{"enabled", FT::boolean},
                                                {"refreshTokenExpiration", FT::integer},
                                                {"refreshTokenExpirationUnit", FT::string},
                                                {"sessionTokenExpiration", FT::integer},
                                                {"sessionTokenExpirationUnit", FT::string},
                                                {"stepupTokenExpiration", FT::integer},
                                                {"stepupTokenExpirationUnit", FT::string},
                                                {"enableInactivity", FT::boolean},
                                                {"inactivityTime", FT::integer},
                                                {"inactivityTimeUnit", FT::string},
                                                {"JITDisabled", FT::boolean}};
inline constexpr FieldSpec kSharedSettingsFields[] = {{"selfProvisioningDomains", FT::string_list},
                                                      {"domains", FT::string_list},
                                                      {"authType", FT::string}};

inline bool contains(const json& list, const json& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

inline bool intersects(const json& a, const std::vector<std::string>& b) {
    return std::any_of(b.begin(), b.end(), [&](const std::string& s) { return contains(a, s); });
}

inline util::Result<void, StoreError> check_choice(const json& object, const char* field,
                                                   std::initializer_list<const char*> allowed) {
    const auto& value = object.at(field).get_ref<const std::string&>();
    for (const char* a : allowed) {
        if (value == a) return {};
    }
    return fail(ErrorKind::invalid_argument,
                "Invalid value for field " + std::string(field) + ": '" + value + "'");
}

}  // namespace descope_mgmt::emulator::tenant_detail

namespace descope_mgmt::emulator {

struct TenantTable::Rows {
    using json = nlohmann::json;
    std::vector<json> tenants;             // records in creation order
    std::map<std::string, json> settings;  // by tenant id; absent = zero settings

    json* find(const std::string& id) {
        for (auto& t : tenants) {
            if (t["id"] == id) return &t;
        }
        return nullptr;
    }
    const json* find(const std::string& id) const { return const_cast<Rows*>(this)->find(id); }
    bool name_taken(const std::string& name, const std::string& except_id) const {
        return std::any_of(tenants.begin(), tenants.end(), [&](const json& t) {
            return t["name"] == name && t["id"] != except_id;
        });
    }
    // Each tenant's shown children, in creation order: one pass, so listing n tenants stays
    // O(n).
    std::map<std::string, json> successors(const std::function<bool(const json&)>& shown) const {
        std::map<std::string, json> children;
        for (const auto& t : tenants) {
            const auto& parent = t["parent"].get_ref<const std::string&>();
            if (parent.empty() || !shown(t)) continue;
            auto& list = children[parent];
            if (list.is_null()) list = json::array();
            list.push_back(t["id"]);
        }
        return children;
    }
    json with_successors(const json& record, const std::map<std::string, json>& children) const {
        json out = record;
        const auto it = children.find(record["id"].get_ref<const std::string&>());
        out["successors"] = it == children.end() ? json::array() : it->second;
        return out;
    }
};

}  // namespace descope_mgmt::emulator
