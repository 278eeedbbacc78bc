#pragma once
// The `doctor` report (docs/doctor.md): what a read-only preflight found per environment, as
// plain values, and its text and JSON renderings. The cli fills it from the config and a few
// live reads; nothing here does I/O. A report never holds a management key: credentials appear
// only as the names of the variables that are unset.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/api_error.hpp"
#include "model/environment.hpp"
#include "render/text_style.hpp"

#include "render/view.hpp"

namespace descope_mgmt::render {

/// Version of the doctor JSON document.
inline constexpr int kDoctorFormatVersion = 1;

enum class CredentialStatus {
    accepted,     // a read succeeded
    refused,      // 401/403: wrong key or project id
    not_set,      // unset variables, an empty id or key, an invalid base URL: nothing was sent
    unreachable,  // the read failed otherwise (network, 5xx, an unexpected answer)
};
enum class KeyScope {
    company,      // projects/list answered: the key is not limited to specific projects
    project,      // projects/list refused it (401/403): limited to specific projects
    unknown,      // projects/list failed otherwise
    not_checked,  // the credentials were not accepted
};

const char* to_string(CredentialStatus status);
const char* to_string(KeyScope scope);

/// Declared objects of one type, and those of them that the live project does not have.
struct DoctorObjects {
    std::size_t declared = 0;
    std::vector<std::string> missing;  // keys (tenant id, role key, permission name, flow id)
    bool checked = false;              // the live read succeeded
};

/// Something that would make commands fail.
struct DoctorProblem {
    std::string code;                   // stable, for scripts: "credentials_refused", ...
    std::vector<std::string> commands;  // what would fail: "plan", "apply", ... or "all"
    std::string reason;
    std::string hint;
};

struct DoctorEnvironment {
    std::string name;
    std::string project_id;

    CredentialStatus credentials = CredentialStatus::not_set;
    std::vector<std::string> credential_details;  // unset variables, or the read's error text
    std::optional<api::ApiError> credentials_error;

    KeyScope key_scope = KeyScope::not_checked;
    std::optional<api::ApiError> key_scope_error;

    std::optional<std::string> license_tier;  // nullopt = unknown (never fatal)
    std::optional<api::ApiError> license_error;

    model::RateLimit rate_limit;
    bool rate_limit_shared = true;  // one bucket for every environment (defaults.rate_limit)

    std::string base_url;         // as requests use it; "" when it could not be resolved
    std::string base_url_source;  // "DESCOPE_BASE_URL", "config", "project_id"
    std::string region;           // id[1:5] for ids of 32+ characters; "" = default US host

    bool builtins_checked = false;
    std::vector<std::string> builtin_roles_found, builtin_roles_missing;
    std::vector<std::string> builtin_permissions_found, builtin_permissions_missing;

    DoctorObjects tenants, roles, permissions, flows;

    std::optional<std::string> declared_project_name;
    std::optional<std::string> live_project_name;  // when projects/list answered and lists it

    std::vector<DoctorProblem> problems;
    std::uint64_t api_calls = 0;  // HTTP requests doctor made for this environment
};

struct DoctorReport {
    std::vector<DoctorEnvironment> environments;
    bool interrupted = false;

    bool ok() const;  // nothing would fail anywhere
};

/// One block per environment with ok/FAIL/warn/note status words (coloured when allowed),
/// then one summary line.
std::string doctor_text(const DoctorReport& report, const TextStyle& style);

/// {format_version, command: "doctor", ok, summary, environments: [...]}; see docs/doctor.md.
nlohmann::json doctor_to_json(const DoctorReport& report);

/// Text: doctor_text; JSON: doctor_to_json.
View doctor_view(const DoctorReport& report, const TextStyle& style);

}  // namespace descope_mgmt::render
