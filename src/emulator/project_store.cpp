#include "emulator/project_store.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

namespace descope_mgmt::emulator {

namespace {

using nlohmann::json;

std::function<std::int64_t()> or_system_clock(std::function<std::int64_t()> now) {
    if (now) return now;
    return [] {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
}

VisibilityLag make_lag(const StoreOptions& options) {
    if (options.clock == nullptr) return VisibilityLag();
    return VisibilityLag(*options.clock, options.visibility_lag);
}

// R8: the theme's id is the server's, different per project and never blank. Derived from the
// project id (FNV-1a) so it is stable across restarts without being stored.
std::string theme_id(const std::string& project_id) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : project_id) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    static constexpr char kAlphabet[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    std::string id = "TH2";
    for (int i = 0; i < 10; ++i) {  // 62^10 < 2^64: ten digits of the hash in base 62
        id += kAlphabet[h % (sizeof kAlphabet - 1)];
        h /= sizeof kAlphabet - 1;
    }
    return id;
}

}  // namespace

ProjectStore::ProjectStore(std::string id, std::string name, StoreOptions options)
    : m_id(std::move(id))
    , m_name(std::move(name))
    , m_ids(options.seed)
    , m_lag(make_lag(options))
    , m_tenants(m_ids, or_system_clock(options.now_seconds), m_lag, std::move(options.tenants))
    , m_roles(m_ids, or_system_clock(options.now_seconds), m_lag)
    , m_flows(or_system_clock(options.now_seconds), theme_id(m_id)) {
    if (!options.bare) m_roles.seed_builtins();
}

Reply ProjectStore::delete_tenant(const json& body) {
    auto removed = m_tenants.remove(body);
    if (!removed) return util::unexpected(removed.error());
    m_roles.remove_tenant_scopes(*removed);
    return json::object();
}

Reply ProjectStore::update_default_roles(const json& body) {
    return m_tenants.set_default_roles(body,
                                       [this](const std::string& tenant, const std::string& role) {
                                           return m_roles.check_default_role(tenant, role);
                                       });
}

Reply ProjectStore::create_role(const json& body) {
    return m_roles.create(body, [this](const std::string& id) -> util::Result<void, StoreError> {
        switch (m_tenants.presence(id)) {
            case Presence::absent:
                return fail(ErrorKind::invalid_argument, "Tenant '" + id + "' does not exist");
            case Presence::hidden:
                return fail(ErrorKind::not_found, "Tenant '" + id + "' not found");
            case Presence::visible:
                break;
        }
        return {};
    });
}

Reply ProjectStore::update_role(const json& body) {
    auto rename = m_roles.update(body);
    if (!rename) return util::unexpected(rename.error());
    if (rename->from != rename->to) {
        m_tenants.rename_default_role(rename->tenant_id, rename->from, rename->to);
    }
    return json::object();
}

Reply ProjectStore::delete_role(const json& body) {
    auto rename = m_roles.remove(body);
    if (!rename) return util::unexpected(rename.error());
    m_tenants.rename_default_role(rename->tenant_id, rename->from, "");
    return json::object();
}

Reply ProjectStore::update_name(const json& body) {
    auto name = string_field(body, "name");
    if (!name) return util::unexpected(name.error());
    if (name->empty()) return missing("name");
    m_name = *name;
    return json::object();
}

Reply ProjectStore::update_tags(const json& body) {
    auto tags = string_list_field(body, "tags");
    if (!tags) return util::unexpected(tags.error());
    m_tags = *tags;
    return json::object();
}

json ProjectStore::project_info() const {
    return json{{"id", m_id}, {"name", m_name}, {"environment", ""}, {"tags", m_tags}};
}

json ProjectStore::to_json() const {
    return json{{"id", m_id},
                {"name", m_name},
                {"tags", m_tags},
                {"tenants", m_tenants.to_json()},
                {"authorization", m_roles.to_json()},
                {"flows", m_flows.to_json()}};
}

util::Result<void, StoreError> ProjectStore::load_json(const json& data) {
    if (!data.is_object()) return fail(ErrorKind::bad_request, "a project must be an object");
    auto name = string_field(data, "name");
    if (!name) return util::unexpected(name.error());
    auto tags = string_list_field(data, "tags");
    if (!tags) return util::unexpected(tags.error());
    if (auto ok = m_tenants.load_json(data.value("tenants", json::array())); !ok) return ok;
    if (auto ok = m_roles.load_json(data.value("authorization", json::object())); !ok) return ok;
    if (auto ok = m_flows.load_json(data.value("flows", json::object())); !ok) return ok;
    if (!name->empty()) m_name = *name;
    m_tags = *tags;
    return {};
}

}  // namespace descope_mgmt::emulator
