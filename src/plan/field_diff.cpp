#include "plan/field_diff.hpp"

#include <algorithm>
#include <set>

#include "model/duration.hpp"

namespace descope_mgmt::plan {

namespace {

std::vector<std::string> sorted_unique(const std::vector<std::string>& v) {
    std::set<std::string> s(v.begin(), v.end());
    return {s.begin(), s.end()};
}

std::optional<double> as_number(const model::AttributeValue& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nullopt;
}

Value duration_value(const std::optional<model::Duration>& d) {
    if (!d) return std::monostate{};
    return model::format_duration(*d);
}

/// Adds a field when the values differ; for a create (no live object) only when set.
void add_if_changed(std::vector<FieldChange>& out, bool creating, std::string field, Value before,
                    Value after, bool changed) {
    if (creating) {
        if (!std::holds_alternative<std::monostate>(after)) {
            out.push_back({std::move(field), std::monostate{}, std::move(after)});
        }
        return;
    }
    if (changed) out.push_back({std::move(field), std::move(before), std::move(after)});
}

void add_string(std::vector<FieldChange>& out, const char* field, const std::string* before,
                const std::string& after) {
    if (before == nullptr) {
        if (!after.empty()) out.push_back({field, std::monostate{}, after});
        return;
    }
    if (*before != after) out.push_back({field, *before, after});
}

void add_bool(std::vector<FieldChange>& out, const char* field, const bool* before, bool after) {
    if (before == nullptr) {
        if (after) out.push_back({field, std::monostate{}, after});
        return;
    }
    if (*before != after) out.push_back({field, *before, after});
}

void add_set(std::vector<FieldChange>& out, const char* field,
             const std::vector<std::string>* before, const std::vector<std::string>& after) {
    if (before == nullptr) {
        if (!after.empty()) out.push_back({field, std::monostate{}, sorted_unique(after)});
        return;
    }
    if (!same_set(*before, after)) {
        out.push_back({field, sorted_unique(*before), sorted_unique(after)});
    }
}

/// A field the config may leave out: compared only when declared.
void add_optional_bool(std::vector<FieldChange>& out, const char* field,
                       const std::optional<bool>* before, const std::optional<bool>& after) {
    if (!after) return;
    if (before == nullptr) {
        out.push_back({field, std::monostate{}, *after});
        return;
    }
    const bool live = before->value_or(false);
    if (live != *after) out.push_back({field, live, *after});
}

void add_optional_string(std::vector<FieldChange>& out, const char* field,
                         const std::optional<std::string>* before,
                         const std::optional<std::string>& after) {
    if (!after) return;
    if (before == nullptr) {
        if (!after->empty()) out.push_back({field, std::monostate{}, *after});
        return;
    }
    const std::string live = before->value_or("");
    if (live != *after) out.push_back({field, live, *after});
}

void add_optional_set(std::vector<FieldChange>& out, const char* field,
                      const std::optional<std::vector<std::string>>* before,
                      const std::optional<std::vector<std::string>>& after) {
    if (!after) return;
    if (before == nullptr) {
        add_set(out, field, nullptr, *after);
        return;
    }
    const std::vector<std::string> live = before->value_or(std::vector<std::string>{});
    add_set(out, field, &live, *after);
}

}  // namespace

bool same_set(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.size() == b.size() && a == b) return true;
    return sorted_unique(a) == sorted_unique(b);
}

bool same_attribute(const model::AttributeValue& a, const model::AttributeValue& b) {
    const auto na = as_number(a);
    const auto nb = as_number(b);
    if (na && nb) return *na == *nb;
    return a == b;
}

Value to_value(const model::AttributeValue& v) {
    return std::visit([](const auto& x) -> Value { return x; }, v);
}

std::vector<FieldChange> permission_fields(const model::Permission* live,
                                           const model::Permission& desired) {
    std::vector<FieldChange> out;
    add_string(out, "description", live ? &live->description : nullptr, desired.description);
    return out;
}

std::vector<FieldChange> role_fields(const model::Role* live, const model::Role& desired) {
    std::vector<FieldChange> out;
    add_string(out, "description", live ? &live->description : nullptr, desired.description);
    add_set(out, "permissions", live ? &live->permissions : nullptr, desired.permissions);
    add_optional_bool(out, "default", live ? &live->is_default : nullptr, desired.is_default);
    add_optional_bool(out, "private", live ? &live->is_private : nullptr, desired.is_private);
    return out;
}

std::vector<FieldChange> tenant_fields(const model::Tenant* live, const model::Tenant& desired) {
    std::vector<FieldChange> out;
    add_string(out, "name", live ? &live->name : nullptr, desired.name);
    add_set(out, "self_provisioning_domains", live ? &live->self_provisioning_domains : nullptr,
            desired.self_provisioning_domains);
    // One field per attribute key, so that a change of one attribute reads as exactly that.
    std::set<std::string> keys;
    for (const auto& [k, v] : desired.custom_attributes)
        keys.insert(k);
    if (live) {
        for (const auto& [k, v] : live->custom_attributes)
            keys.insert(k);
    }
    for (const std::string& k : keys) {
        const auto d = desired.custom_attributes.find(k);
        const model::AttributeValue* after =
            d == desired.custom_attributes.end() ? nullptr : &d->second;
        const model::AttributeValue* before = nullptr;
        if (live) {
            const auto l = live->custom_attributes.find(k);
            if (l != live->custom_attributes.end()) before = &l->second;
        }
        const bool changed = (before == nullptr) != (after == nullptr) ||
                             (before && after && !same_attribute(*before, *after));
        add_if_changed(out, live == nullptr, "custom_attributes." + k,
                       before ? to_value(*before) : Value{}, after ? to_value(*after) : Value{},
                       changed);
    }
    add_bool(out, "enforce_sso", live ? &live->enforce_sso : nullptr, desired.enforce_sso);
    add_bool(out, "disabled", live ? &live->disabled : nullptr, desired.disabled);
    add_string(out, "parent", live ? &live->parent : nullptr, desired.parent);
    add_optional_string(out, "role_inheritance", live ? &live->role_inheritance : nullptr,
                        desired.role_inheritance);
    add_optional_set(out, "enforce_sso_exclusions", live ? &live->enforce_sso_exclusions : nullptr,
                     desired.enforce_sso_exclusions);
    add_optional_set(out, "federated_app_ids", live ? &live->federated_app_ids : nullptr,
                     desired.federated_app_ids);
    return out;
}

std::vector<FieldChange> session_settings_fields(const model::SessionSettings* live,
                                                 const model::SessionSettings& desired) {
    const model::SessionSettings defaults;
    const model::SessionSettings& before = live ? *live : defaults;
    const bool creating = live == nullptr;
    std::vector<FieldChange> out;
    // A lifetime the config leaves out keeps its live value (the write sends it as it is), so
    // only declared ones are compared.
    auto duration = [&](const char* field, const std::optional<model::Duration>& b,
                        const std::optional<model::Duration>& a) {
        if (!a) return;
        add_if_changed(out, creating, field, duration_value(b), duration_value(a), b != a);
    };
    duration("refresh_token_expiration", before.refresh_token_expiration,
             desired.refresh_token_expiration);
    duration("session_token_expiration", before.session_token_expiration,
             desired.session_token_expiration);
    duration("stepup_token_expiration", before.stepup_token_expiration,
             desired.stepup_token_expiration);
    duration("inactivity_timeout", before.inactivity_timeout, desired.inactivity_timeout);
    if (creating) {
        if (desired.jit_disabled) out.push_back({"jit_disabled", std::monostate{}, true});
    } else if (before.jit_disabled != desired.jit_disabled) {
        out.push_back({"jit_disabled", before.jit_disabled, desired.jit_disabled});
    }
    return out;
}

std::vector<FieldChange> default_roles_fields(const std::vector<std::string>* live,
                                              const std::vector<std::string>& desired) {
    std::vector<FieldChange> out;
    add_set(out, "default_roles", live, desired);
    return out;
}

}  // namespace descope_mgmt::plan
