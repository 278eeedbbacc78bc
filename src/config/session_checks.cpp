// Checks across the fields of one session_settings mapping (a tenant's or an override's; an
// override replaces the whole mapping, so each one is checked on its own).
#include <fmt/format.h>

#include "config/loader_internal.hpp"
#include "config/value_checks.hpp"
#include "model/duration.hpp"

namespace descope_mgmt::config {

namespace {

/// The token lifetime at `node`, when it is usable and passed its own checks (so that a value
/// already reported is not reported again here).
std::optional<model::Duration> lifetime_of(const YamlNode* node) {
    const auto text = text_of(node);
    if (!text || !check_token_lifetime(*text).empty()) return std::nullopt;
    return model::parse_duration(*text);
}

void check_one(const YamlNode* settings, const std::string& file, diag::Diagnostics& diags) {
    if (settings == nullptr || settings->kind != YamlKind::mapping) return;
    const YamlNode* refresh = settings->find("refresh_token_expiration");
    const YamlNode* session = settings->find("session_token_expiration");
    const auto r = lifetime_of(refresh);
    const auto s = lifetime_of(session);
    if (!r || !s || model::to_seconds(*s) <= model::to_seconds(*r)) return;
    // terraform-provider-descope internal/docs/docs.go: the session token may not outlive the
    // refresh token that renews it.
    diags.error(session->location(file),
                fmt::format("invalid duration {} for 'session_token_expiration': longer than "
                            "'refresh_token_expiration' ({}, line {})",
                            shown(*session), shown(*refresh), refresh->line),
                {"Descope requires the session token to expire no later than the refresh token"});
}

}  // namespace

void check_session_settings(const DeclNodes& nodes, const std::string& file,
                            diag::Diagnostics& diags) {
    for (const YamlNode* tenant : nodes.tenants) {
        check_one(tenant->find("session_settings"), file, diags);
        const YamlNode* overrides = tenant->find("overrides");
        if (overrides == nullptr || overrides->kind != YamlKind::mapping) continue;
        for (const auto& e : overrides->entries)
            if (e.value.kind == YamlKind::mapping)
                check_one(e.value.find("session_settings"), file, diags);
    }
}

}  // namespace descope_mgmt::config
