#include "emulator/tenant_table.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace descope_mgmt::emulator {

namespace {

using nlohmann::json;
using FT = FieldType;

// What tenant/create accepts (descope-api.md §3 and §10.2).
constexpr FieldSpec kCreateFields[] = {{"id", FT::string},
                                       {"name", FT::string},
                                       {"selfProvisioningDomains", FT::string_list},
                                       {"customAttributes", FT::object},
                                       {"enforceSSO", FT::boolean},
                                       {"disabled", FT::boolean},
                                       {"parent", FT::string},
                                       {"roleInheritance", FT::string},
                                       {"enforceSSOExclusions", FT::string_list},
                                       {"federatedAppIds", FT::string_list},
                                       {"authType", FT::string}};

// What tenant/update replaces: everything else (parent, createdTime, ...) is kept.
constexpr FieldSpec kUpdateFields[] = {{"name", FT::string},
                                       {"selfProvisioningDomains", FT::string_list},
                                       {"customAttributes", FT::object},
                                       {"enforceSSO", FT::boolean},
                                       {"disabled", FT::boolean},
                                       {"roleInheritance", FT::string},
                                       {"enforceSSOExclusions", FT::string_list},
                                       {"federatedAppIds", FT::string_list}};

// The stored tenant; "successors" is derived when answering.
constexpr FieldSpec kRecordFields[] = {{"id", FT::string},
                                       {"name", FT::string},
                                       {"selfProvisioningDomains", FT::string_list},
                                       {"customAttributes", FT::object},
                                       {"authType", FT::string},
                                       {"domains", FT::string_list},
                                       {"createdTime", FT::integer},
                                       {"disabled", FT::boolean},
                                       {"enforceSSO", FT::boolean},
                                       {"enforceSSOExclusions", FT::string_list},
                                       {"federatedAppIds", FT::string_list},
                                       {"parent", FT::string},
                                       {"defaultRoles", FT::string_list},
                                       {"roleInheritance", FT::string}};

// Settings owned by tenant/settings alone; the shared ones live in the tenant record.
constexpr FieldSpec kSettingsFields[] = {{"enabled", FT::boolean},
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
constexpr FieldSpec kSharedSettingsFields[] = {{"selfProvisioningDomains", FT::string_list},
                                               {"domains", FT::string_list},
                                               {"authType", FT::string}};

bool contains(const json& list, const json& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool intersects(const json& a, const std::vector<std::string>& b) {
    return std::any_of(b.begin(), b.end(), [&](const std::string& s) { return contains(a, s); });
}

util::Result<void, StoreError> check_choice(const json& object, const char* field,
                                            std::initializer_list<const char*> allowed) {
    const auto& value = object.at(field).get_ref<const std::string&>();
    for (const char* a : allowed) {
        if (value == a) return {};
    }
    return fail(ErrorKind::invalid_argument,
                "Invalid value for field " + std::string(field) + ": '" + value + "'");
}

}  // namespace

struct TenantTable::Rows {
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
    // Each tenant's children, in creation order: one pass, so listing n tenants stays O(n).
    std::map<std::string, json> successors() const {
        std::map<std::string, json> children;
        for (const auto& t : tenants) {
            const auto& parent = t["parent"].get_ref<const std::string&>();
            if (parent.empty()) continue;
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
    json with_successors(const json& record) const { return with_successors(record, successors()); }
};

TenantTable::TenantTable(IdGenerator& ids, std::function<std::int64_t()> now_seconds)
    : m_rows(std::make_unique<Rows>()), m_ids(&ids), m_now_seconds(std::move(now_seconds)) {}
TenantTable::~TenantTable() = default;
TenantTable::TenantTable(TenantTable&&) noexcept = default;
TenantTable& TenantTable::operator=(TenantTable&&) noexcept = default;

bool TenantTable::exists(const std::string& id) const {
    return m_rows->find(id) != nullptr;
}

Reply TenantTable::create(const json& body) {
    auto request = normalize(body, kCreateFields);
    if (!request) return util::unexpected(request.error());
    json& r = *request;
    const std::string name = r["name"];
    if (name.empty()) return missing("name");
    if (auto ok = check_choice(r, "roleInheritance", {"", "none", "userOnly"}); !ok) {
        return util::unexpected(ok.error());
    }
    if (r["authType"] == "") r["authType"] = "none";
    if (auto ok = check_choice(r, "authType", {"none", "saml", "oidc"}); !ok) {
        return util::unexpected(ok.error());
    }
    std::string id = r["id"];
    if (!id.empty() && exists(id)) {
        return fail(ErrorKind::duplicate, "Tenant with id '" + id + "' already exists");
    }
    if (m_rows->name_taken(name, "")) {
        return fail(ErrorKind::duplicate, "Tenant with name '" + name + "' already exists");
    }
    const std::string parent = r["parent"];
    if (!parent.empty() && !exists(parent)) {
        return fail(ErrorKind::invalid_argument, "Parent tenant '" + parent + "' does not exist");
    }
    if (id.empty()) {
        do {
            id = m_ids->next('T');
        } while (exists(id));
    }
    auto record = normalize(r, kRecordFields);
    (*record)["id"] = id;
    (*record)["createdTime"] = m_now_seconds();
    m_rows->tenants.push_back(std::move(*record));
    return json{{"id", id}};
}

Reply TenantTable::update(const json& body) {
    auto id = string_field(body, "id");
    if (!id) return util::unexpected(id.error());
    if (id->empty()) return missing("id");
    auto request = normalize(body, kUpdateFields);
    if (!request) return util::unexpected(request.error());
    const std::string name = (*request)["name"];
    if (name.empty()) return missing("name");
    if (auto ok = check_choice(*request, "roleInheritance", {"", "none", "userOnly"}); !ok) {
        return util::unexpected(ok.error());
    }
    json* record = m_rows->find(*id);
    if (record == nullptr) return fail(ErrorKind::not_found, "Tenant '" + *id + "' not found");
    if (m_rows->name_taken(name, *id)) {
        return fail(ErrorKind::duplicate, "Tenant with name '" + name + "' already exists");
    }
    for (const auto& field : kUpdateFields)
        (*record)[field.name] = (*request)[field.name];
    return json::object();
}

util::Result<std::vector<std::string>, StoreError> TenantTable::remove(const json& body) {
    auto id = string_field(body, "id");
    if (!id) return util::unexpected(id.error());
    if (id->empty()) return missing("id");
    const bool cascade = body.is_object() && body.value("cascade", false) == true;
    if (!exists(*id)) return fail(ErrorKind::not_found, "Tenant '" + *id + "' not found");
    // Collect the subtree breadth-first; parents precede their children in `doomed`.
    std::vector<std::string> doomed{*id};
    for (std::size_t i = 0; i < doomed.size(); ++i) {
        for (const auto& t : m_rows->tenants) {
            if (t["parent"] == doomed[i]) doomed.push_back(t["id"]);
        }
    }
    if (doomed.size() > 1 && !cascade) {
        return fail(ErrorKind::invalid_argument,
                    "Tenant '" + *id + "' has sub-tenants; delete them first or use cascade");
    }
    auto& tenants = m_rows->tenants;
    tenants.erase(std::remove_if(tenants.begin(), tenants.end(),
                                 [&](const json& t) {
                                     return std::find(doomed.begin(), doomed.end(), t["id"]) !=
                                            doomed.end();
                                 }),
                  tenants.end());
    for (const auto& gone : doomed)
        m_rows->settings.erase(gone);
    return doomed;
}

Reply TenantTable::load(const std::string& id) const {
    if (id.empty()) return missing("id");
    const json* record = m_rows->find(id);
    if (record == nullptr) return fail(ErrorKind::not_found, "Tenant '" + id + "' not found");
    json flat = m_rows->with_successors(*record);
    json out = flat;
    out["tenant"] = std::move(flat);
    return out;
}

Reply TenantTable::all() const {
    json list = json::array();
    const auto children = m_rows->successors();
    for (const auto& t : m_rows->tenants)
        list.push_back(m_rows->with_successors(t, children));
    return json{{"tenants", std::move(list)}};
}

Reply TenantTable::search(const json& body) const {
    auto ids = string_list_field(body, "tenantIds");
    auto names = string_list_field(body, "tenantNames");
    auto domains = string_list_field(body, "tenantSelfProvisioningDomains");
    auto sso_domains = string_list_field(body, "tenantSSODomains");
    auto parent = string_field(body, "parentTenantId");
    auto auth_type = string_field(body, "authType");
    for (const StoreError* e :
         {ids ? nullptr : &ids.error(), names ? nullptr : &names.error(),
          domains ? nullptr : &domains.error(), sso_domains ? nullptr : &sso_domains.error(),
          parent ? nullptr : &parent.error(), auth_type ? nullptr : &auth_type.error()}) {
        if (e != nullptr) return util::unexpected(*e);
    }
    const json attributes = body.value("customAttributes", json::object());
    if (!attributes.is_object()) {
        return fail(ErrorKind::bad_request, "Invalid value for field customAttributes");
    }
    const bool top_level_only = body.value("topLevelOnly", false) == true;
    const auto children = m_rows->successors();
    json list = json::array();
    for (const auto& t : m_rows->tenants) {
        if (!ids->empty() && !contains(json(*ids), t["id"])) continue;
        if (!names->empty() && !contains(json(*names), t["name"])) continue;
        if (!domains->empty() && !intersects(t["selfProvisioningDomains"], *domains)) continue;
        if (!sso_domains->empty() && !intersects(t["domains"], *sso_domains)) continue;
        if (!parent->empty() && t["parent"] != *parent) continue;
        if (!auth_type->empty() && t["authType"] != *auth_type) continue;
        if (top_level_only && t["parent"] != "") continue;
        bool attributes_match = true;
        for (const auto& [key, value] : attributes.items()) {
            const auto& mine = t["customAttributes"];
            if (!mine.contains(key) || mine[key] != value) attributes_match = false;
        }
        if (attributes_match) list.push_back(m_rows->with_successors(t, children));
    }
    return json{{"tenants", std::move(list)}};
}

Reply TenantTable::settings(const std::string& id) const {
    if (id.empty()) return missing("id");
    const json* record = m_rows->find(id);
    if (record == nullptr) return fail(ErrorKind::not_found, "Tenant '" + id + "' not found");
    const auto it = m_rows->settings.find(id);
    json out =
        it != m_rows->settings.end() ? it->second : *normalize(json::object(), kSettingsFields);
    for (const auto& field : kSharedSettingsFields)
        out[field.name] = (*record)[field.name];
    return out;
}

Reply TenantTable::configure_settings(const json& body) {
    auto id = string_field(body, "tenantId");
    if (!id) return util::unexpected(id.error());
    if (id->empty()) return missing("tenantId");
    // The Node SDK (2.13.0) sends InactivityTime/InactivityTimeUnit (descope-api.md §3).
    json request = body;
    for (const char* field : {"inactivityTime", "inactivityTimeUnit"}) {
        std::string alias = field;
        alias[0] = 'I';
        if (!request.contains(field) && request.contains(alias)) request[field] = request[alias];
    }
    auto settings = normalize(request, kSettingsFields);
    if (!settings) return util::unexpected(settings.error());
    auto shared = normalize(request, kSharedSettingsFields);
    if (!shared) return util::unexpected(shared.error());
    for (const char* unit : {"refreshTokenExpirationUnit", "sessionTokenExpirationUnit",
                             "stepupTokenExpirationUnit", "inactivityTimeUnit"}) {
        if (auto ok = check_choice(*settings, unit, {"", "minutes", "hours", "days", "weeks"});
            !ok) {
            return util::unexpected(ok.error());
        }
    }
    for (const char* amount : {"refreshTokenExpiration", "sessionTokenExpiration",
                               "stepupTokenExpiration", "inactivityTime"}) {
        if ((*settings)[amount].get<long long>() < 0) {
            return fail(ErrorKind::invalid_argument, std::string("Invalid value for field ") +
                                                         amount + ": must not be negative");
        }
    }
    if ((*shared)["authType"] != "") {
        if (auto ok = check_choice(*shared, "authType", {"none", "saml", "oidc"}); !ok) {
            return util::unexpected(ok.error());
        }
    }
    json* record = m_rows->find(*id);
    if (record == nullptr) return fail(ErrorKind::not_found, "Tenant '" + *id + "' not found");
    for (const auto& field : kSharedSettingsFields) {
        const auto it = request.find(field.name);
        if (it == request.end() || it->is_null()) continue;
        if (std::string(field.name) == "authType" && *it == "") continue;
        (*record)[field.name] = (*shared)[field.name];
    }
    m_rows->settings[*id] = std::move(*settings);
    return json::object();
}

Reply TenantTable::set_default_roles(
    const json& body,
    const std::function<bool(const std::string&, const std::string&)>& role_exists) {
    auto id = string_field(body, "id");
    if (!id) return util::unexpected(id.error());
    if (id->empty()) return missing("id");
    auto roles = string_list_field(body, "defaultRoles");
    if (!roles) return util::unexpected(roles.error());
    json* record = m_rows->find(*id);
    if (record == nullptr) return fail(ErrorKind::not_found, "Tenant '" + *id + "' not found");
    for (const auto& role : *roles) {
        if (!role_exists(*id, role)) {
            return fail(ErrorKind::invalid_argument, "Role '" + role + "' does not exist");
        }
    }
    (*record)["defaultRoles"] = *roles;
    return json::object();
}

void TenantTable::rename_default_role(const std::string& tenant_id, const std::string& from,
                                      const std::string& to) {
    for (auto& t : m_rows->tenants) {
        if (!tenant_id.empty() && t["id"] != tenant_id) continue;
        json kept = json::array();
        for (const auto& role : t["defaultRoles"]) {
            if (role != from) {
                kept.push_back(role);
            } else if (!to.empty()) {
                kept.push_back(to);
            }
        }
        t["defaultRoles"] = std::move(kept);
    }
}

json TenantTable::to_json() const {
    json out = json::array();
    for (const auto& t : m_rows->tenants) {
        json record = t;
        const auto it = m_rows->settings.find(t["id"]);
        if (it != m_rows->settings.end()) record["settings"] = it->second;
        out.push_back(std::move(record));
    }
    return out;
}

util::Result<void, StoreError> TenantTable::load_json(const json& tenants) {
    Rows rows;
    if (!tenants.is_array()) return fail(ErrorKind::bad_request, "tenants must be a list");
    for (const auto& t : tenants) {
        auto record = normalize(t, kRecordFields);
        if (!record) return util::unexpected(record.error());
        if (t.contains("settings")) {
            auto settings = normalize(t["settings"], kSettingsFields);
            if (!settings) return util::unexpected(settings.error());
            rows.settings[(*record)["id"]] = std::move(*settings);
        }
        rows.tenants.push_back(std::move(*record));
    }
    *m_rows = std::move(rows);
    return {};
}

}  // namespace descope_mgmt::emulator
