#include "wire/settings_wire.hpp"

#include <nlohmann/json.hpp>
#include <optional>

#include "wire/json_reader.hpp"

namespace descope_mgmt::wire {

using nlohmann::json;

namespace {

/// One amount+unit pair; nullopt when the amount is not positive.
std::optional<model::Duration> read_duration(ObjectReader& r, std::string_view amount_key,
                                             std::string_view unit_key) {
    const std::int64_t amount = r.integer(amount_key);
    const std::string unit = r.string(unit_key);
    if (!r.ok() || amount <= 0) return std::nullopt;
    auto parsed = model::parse_wire_unit(unit);
    if (!parsed) {
        r.fail(unit_key,
               "unknown time unit \"" + unit + "\" (expected seconds, minutes, hours, days or weeks)");
        return std::nullopt;
    }
    return model::Duration{amount, *parsed};
}

void write_duration(json& out, const char* amount_key, const char* unit_key,
                    const std::optional<model::Duration>& d) {
    out[amount_key] = d ? d->amount : 0;
    out[unit_key] = d ? std::string(model::wire_name(d->unit)) : std::string();
}

}  // namespace

util::Result<model::SessionSettings> settings_from_json(const json& body) {
    ObjectReader r(body, "");
    model::SessionSettings s;
    const bool custom = r.has("enabled") ? r.boolean("enabled") : true;
    if (custom) {
        s.refresh_token_expiration =
            read_duration(r, "refreshTokenExpiration", "refreshTokenExpirationUnit");
        s.session_token_expiration =
            read_duration(r, "sessionTokenExpiration", "sessionTokenExpirationUnit");
        s.stepup_token_expiration =
            read_duration(r, "stepupTokenExpiration", "stepupTokenExpirationUnit");
    }
    if (r.boolean("enableInactivity")) {
        // The Node SDK writes the capitalised names; accept them when the lowercase are absent.
        const bool lower = r.has("inactivityTime");
        s.inactivity_timeout = read_duration(r, lower ? "inactivityTime" : "InactivityTime",
                                             lower ? "inactivityTimeUnit" : "InactivityTimeUnit");
    }
    s.jit_disabled = r.boolean("JITDisabled");
    if (!r.ok()) return util::unexpected(r.error());
    return s;
}

json settings_to_json(const model::SessionSettings& s) {
    json out = json::object();
    out["enabled"] = s.refresh_token_expiration.has_value() ||
                     s.session_token_expiration.has_value() ||
                     s.stepup_token_expiration.has_value();
    write_duration(out, "refreshTokenExpiration", "refreshTokenExpirationUnit",
                   s.refresh_token_expiration);
    write_duration(out, "sessionTokenExpiration", "sessionTokenExpirationUnit",
                   s.session_token_expiration);
    write_duration(out, "stepupTokenExpiration", "stepupTokenExpirationUnit",
                   s.stepup_token_expiration);
    out["enableInactivity"] = s.inactivity_timeout.has_value();
    write_duration(out, "inactivityTime", "inactivityTimeUnit", s.inactivity_timeout);
    out["JITDisabled"] = s.jit_disabled;
    return out;
}

json settings_update_body(const std::string& tenant_id,
                          const std::vector<std::string>& self_provisioning_domains,
                          const model::SessionSettings& settings, const json* live) {
    json body = settings_to_json(settings);
    body["tenantId"] = tenant_id;
    body["selfProvisioningDomains"] = self_provisioning_domains;
    if (live && live->is_object()) {
        for (const char* key : {"domains", "authType"}) {
            auto it = live->find(key);
            if (it != live->end() && !it->is_null()) body[key] = *it;
        }
    }
    return body;
}

}  // namespace descope_mgmt::wire
