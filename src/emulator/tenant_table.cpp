#include "emulator/tenant_table.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "emulator/tenant_rows.hpp"

namespace descope_mgmt::emulator {

using namespace tenant_detail;

namespace {

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

}  // namespace

TenantTable::TenantTable(IdGenerator& ids, std::function<std::int64_t()> now_seconds,
                         VisibilityLag& lag, TenantPolicy policy)
    : m_rows(std::make_unique<Rows>())
    , m_ids(&ids)
    , m_now_seconds(std::move(now_seconds))
    , m_lag(&lag)
    , m_policy(std::move(policy)) {}
TenantTable::~TenantTable() = default;
TenantTable::TenantTable(TenantTable&&) noexcept = default;
TenantTable& TenantTable::operator=(TenantTable&&) noexcept = default;

bool TenantTable::exists(const std::string& id) const {
    return m_rows->find(id) != nullptr;
}

Presence TenantTable::presence(const std::string& id) const {
    if (!exists(id)) return Presence::absent;
    return m_lag->visible(VisibilityLag::tenant(id)) ? Presence::visible : Presence::hidden;
}

bool TenantTable::shown(const json& tenant) const {
    return m_lag->visible(VisibilityLag::tenant(tenant["id"].get<std::string>()));
}

json* TenantTable::find_visible(const std::string& id) const {
    json* record = m_rows->find(id);
    return record != nullptr && shown(*record) ? record : nullptr;
}

std::map<std::string, json> TenantTable::successors() const {
    return m_rows->successors([this](const json& t) { return shown(t); });
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
    if (auto ok = check_custom_attributes(r["customAttributes"], m_policy.attributes); !ok) {
        return util::unexpected(ok.error());
    }
    const std::string parent = r["parent"];
    if (!parent.empty()) {
        const Presence p = presence(parent);
        if (p == Presence::absent) {
            return fail(ErrorKind::invalid_argument,
                        "Parent tenant '" + parent + "' does not exist");
        }
        if (p == Presence::hidden) {
            return fail(ErrorKind::not_found, "Parent tenant '" + parent + "' not found");
        }
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
    m_lag->created(VisibilityLag::tenant(id));
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
    if (auto ok = check_custom_attributes((*request)["customAttributes"], m_policy.attributes);
        !ok) {
        return util::unexpected(ok.error());
    }
    json* record = find_visible(*id);
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
    // `cascade` is about the tenant's users and access keys (R11), which the emulator does not
    // hold; it never reaches sub-tenants.
    if (find_visible(*id) == nullptr) {
        return fail(ErrorKind::not_found, "Tenant '" + *id + "' not found");
    }
    std::vector<json*> children;
    std::string names;
    for (auto& t : m_rows->tenants) {
        if (t["parent"] != *id) continue;
        children.push_back(&t);
        names += (names.empty() ? "'" : ", '") + t["id"].get<std::string>() + "'";
    }
    if (!children.empty() && !m_policy.orphan_sub_tenants) {
        return fail(ErrorKind::invalid_argument, "Tenant '" + *id + "' has sub-tenants (" + names +
                                                     "); delete or move them first");
    }
    for (json* child : children)
        (*child)["parent"] = "";
    auto& tenants = m_rows->tenants;
    tenants.erase(std::remove_if(tenants.begin(), tenants.end(),
                                 [&](const json& t) { return t["id"] == *id; }),
                  tenants.end());
    m_rows->settings.erase(*id);
    m_lag->forget(VisibilityLag::tenant(*id));
    return std::vector<std::string>{*id};
}

Reply TenantTable::load(const std::string& id) const {
    if (id.empty()) return missing("id");
    const json* record = find_visible(id);
    if (record == nullptr) return fail(ErrorKind::not_found, "Tenant '" + id + "' not found");
    return m_rows->with_successors(*record, successors());
}

Reply TenantTable::all() const {
    json list = json::array();
    const auto children = successors();
    for (const auto& t : m_rows->tenants) {
        if (shown(t)) list.push_back(m_rows->with_successors(t, children));
    }
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
    const auto children = successors();
    json list = json::array();
    for (const auto& t : m_rows->tenants) {
        if (!shown(t)) continue;
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
