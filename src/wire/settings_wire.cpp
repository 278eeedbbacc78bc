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
        r.fail(unit_key, "unknown time unit \"" + unit +
                             "\" (expected seconds, minutes, hours, days or weeks)");
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

util::Result<json> settings_update_body(const std::string& tenant_id,
                                        const std::vector<std::string>& self_provisioning_domains,
                                        const model::SessionSettings& settings, const json* live) {
    const json empty = json::object();
    const json& base = live && live->is_object() ? *live : empty;
    json body = json::object();
    body["tenantId"] = tenant_id;
    body["selfProvisioningDomains"] = self_provisioning_domains;
    for (const char* key : {"domains", "authType"}) {
        auto it = base.find(key);
        if (it != base.end() && !it->is_null()) body[key] = *it;
    }
    // The POST replaces the whole record: a lifetime the config leaves out is sent as it is live,
    // never as a zero that would clear it (or that Descope's floors refuse).
    auto live_value = [&](const char* key) -> json {
        auto it = base.find(key);
        return it != base.end() && !it->is_null() ? *it : json();
    };
    auto put = [&](const char* amount_key, const char* unit_key,
                   const std::optional<model::Duration>& declared, const char* alt_amount = nullptr,
                   const char* alt_unit = nullptr) {
        if (declared) {
            body[amount_key] = declared->amount;
            body[unit_key] = std::string(model::wire_name(declared->unit));
            return;
        }
        json amount = live_value(amount_key);
        json unit = live_value(unit_key);
        if (amount.is_null() && alt_amount) amount = live_value(alt_amount);
        if (unit.is_null() && alt_unit) unit = live_value(alt_unit);
        body[amount_key] = amount.is_number() ? amount : json(0);
        body[unit_key] = unit.is_string() ? unit : json("");
    };
    put("refreshTokenExpiration", "refreshTokenExpirationUnit", settings.refresh_token_expiration);
    put("sessionTokenExpiration", "sessionTokenExpirationUnit", settings.session_token_expiration);
    put("stepupTokenExpiration", "stepupTokenExpirationUnit", settings.stepup_token_expiration);
    const json live_enabled = live_value("enabled");
    const bool custom = (live_enabled.is_boolean() && live_enabled.get<bool>()) ||
                        settings.refresh_token_expiration || settings.session_token_expiration ||
                        settings.stepup_token_expiration;
    body["enabled"] = custom;
    if (custom) {
        std::vector<std::string> missing;
        auto positive = [&](const char* key) {
            const json& v = body[key];
            return v.is_number() && v.get<double>() > 0;
        };
        if (!positive("refreshTokenExpiration")) missing.emplace_back("refresh_token_expiration");
        if (!positive("sessionTokenExpiration")) missing.emplace_back("session_token_expiration");
        if (!missing.empty()) {
            std::string names = missing[0];
            if (missing.size() > 1) names += " and " + missing[1];
            return util::error(
                "custom session settings are off for this tenant in Descope, so turning them on "
                "needs both token lifetimes; declare " +
                names + " in its session_settings");
        }
    }
    if (settings.inactivity_timeout) {
        body["enableInactivity"] = true;
        body["inactivityTime"] = settings.inactivity_timeout->amount;
        body["inactivityTimeUnit"] =
            std::string(model::wire_name(settings.inactivity_timeout->unit));
    } else {
        const json enabled = live_value("enableInactivity");
        body["enableInactivity"] = enabled.is_boolean() ? enabled : json(false);
        put("inactivityTime", "inactivityTimeUnit", std::nullopt, "InactivityTime",
            "InactivityTimeUnit");
    }
    body["JITDisabled"] = settings.jit_disabled;
    return body;
}

}  // namespace descope_mgmt::wire
