#include "plan/target.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.hpp"

namespace descope_mgmt::plan {

namespace {

const std::vector<std::string>& target_types() {
    static const std::vector<std::string> types = {"tenant",
                                                   "tenant_settings",
                                                   "tenant_default_roles",
                                                   "role",
                                                   "permission",
                                                   "flow",
                                                   "project",
                                                   "theme"};
    return types;
}

bool is_singleton(ResourceKind k) {
    return k == ResourceKind::project || k == ResourceKind::theme;
}

/// The key a singleton's change has, which the plan's `address` shows ("project:name").
std::string_view singleton_key(ResourceKind k) {
    return k == ResourceKind::project ? "name" : "theme";
}

}  // namespace

std::string Target::to_string() const {
    if (is_singleton(kind)) return std::string(plan::to_string(kind));
    return fmt::format("{}:{}", plan::to_string(kind), key);
}

Target Target::owner() const {
    if (kind != ResourceKind::tenant_settings && kind != ResourceKind::tenant_default_roles)
        return *this;
    return Target{ResourceKind::tenant, key};
}

bool Target::matches(const Change& change) const {
    if (is_singleton(kind)) return change.kind == kind;
    if (change.key != key) return false;
    if (kind == ResourceKind::tenant) {
        return change.kind == ResourceKind::tenant ||
               change.kind == ResourceKind::tenant_settings ||
               change.kind == ResourceKind::tenant_default_roles;
    }
    return change.kind == kind;
}

util::Result<Target> parse_target(std::string_view text) {
    const auto colon = text.find(':');
    const std::string type(text.substr(0, colon));
    const std::string key =
        colon == std::string_view::npos ? "" : std::string(text.substr(colon + 1));
    const auto& types = target_types();
    const bool known = std::find(types.begin(), types.end(), type) != types.end();
    if (!known) {
        std::string message = fmt::format(
            "invalid --target '{}': unknown type '{}' (expected one of tenant, tenant_settings, "
            "tenant_default_roles, role, permission, flow, project, theme)",
            text, type);
        if (auto m = util::closest_match(type, types)) {
            message += fmt::format("; did you mean '{}'?", *m);
        }
        return util::error(message);
    }
    Target t;
    t.kind = *parse_resource_kind(type);
    if (is_singleton(t.kind)) {
        // "project:name" and "theme:theme" are the addresses `plan -o json` prints.
        if (!key.empty() && key != singleton_key(t.kind)) {
            return util::error(fmt::format("invalid --target '{}': '{}' takes no key (write '{}')",
                                           text, type, type));
        }
        return t;
    }
    if (key.empty()) {
        return util::error(fmt::format("invalid --target '{}': expected {}:KEY, e.g. {}:{}", text,
                                       type, type,
                                       type.rfind("tenant", 0) == 0 ? "acme"
                                       : type == "role"             ? "admin"
                                                                    : "name"));
    }
    t.key = key;
    return t;
}

std::vector<Change> select_targets(std::vector<Change> changes,
                                   const std::vector<Target>& targets) {
    if (targets.empty()) return changes;
    std::vector<bool> keep(changes.size(), false);
    // Dependencies always point to earlier changes, so one backward sweep closes the set.
    for (std::size_t i = changes.size(); i-- > 0;) {
        if (!keep[i]) {
            for (const Target& t : targets) {
                if (t.matches(changes[i])) {
                    keep[i] = true;
                    break;
                }
            }
        }
        if (keep[i]) {
            for (std::size_t d : changes[i].depends_on)
                keep[d] = true;
        }
    }
    std::vector<std::size_t> new_index(changes.size(), 0);
    std::vector<Change> out;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (!keep[i]) continue;
        new_index[i] = out.size();
        Change c = changes[i];
        for (std::size_t& d : c.depends_on)
            d = new_index[d];
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace descope_mgmt::plan
